/** The page at / until the web app (issue: web) takes over: what this is and where to go. */
export function landingPage(): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sehub · 사회적경제 지원센터 플랫폼</title>
<style>
body{font-family:system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1e2124}
a{color:#0b50d0}a:focus{outline:3px solid #0b50d0;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>sehub</h1>
<p>사회적경제 조직을 찾고, 자원을 나누고, 공공구매와 지원사업을 한곳에서 운영하는 지역 사회적경제 지원센터 플랫폼입니다.</p>
<p lang="en">An open platform that runs a regional social-economy support centre end to end.</p>
<ul>
<li><a href="/api/docs">API 문서 · API documentation</a></li>
<li><a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a></li>
<li><a href="/healthz">상태 · Health</a></li>
</ul>
</main>
</body>
</html>`;
}
