import type { MessageKey } from '../../i18n/index.tsx';

/**
 * The columns an import reads, by their Korean header as exports write them (the server's
 * src/modules/directory/columns.ts; it also knows the aliases public data files use).
 */
export const IMPORT_COLUMNS: { header: string; about: MessageKey; required?: boolean }[] = [
  { header: '기업명', about: 'staff.col.name', required: true },
  { header: '영문명', about: 'staff.col.nameEn' },
  { header: '대표자', about: 'staff.col.representative' },
  { header: '법인형태', about: 'staff.col.legalForm' },
  { header: '유형', about: 'staff.col.type' },
  { header: '세부유형', about: 'staff.col.subtype' },
  { header: '업종', about: 'staff.col.industry' },
  { header: '자치구', about: 'staff.col.district' },
  { header: '도로명주소', about: 'staff.col.roadAddress' },
  { header: '위도', about: 'staff.col.lat' },
  { header: '경도', about: 'staff.col.lon' },
  { header: '전화번호', about: 'staff.col.phone' },
  { header: '이메일', about: 'staff.col.email' },
  { header: '홈페이지', about: 'staff.col.website' },
  { header: '소개', about: 'staff.col.description' },
  { header: '주요제품·서비스', about: 'staff.col.products' },
  { header: '사업자등록번호', about: 'staff.col.businessRegNo' },
  { header: '설립일', about: 'staff.col.foundedOn' },
  { header: '인증일', about: 'staff.col.certifiedOn' },
  { header: '상태', about: 'staff.col.status' },
  { header: '종사자수', about: 'staff.col.employees' },
  { header: '조합원수', about: 'staff.col.members' },
];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type to send a chosen file with: by its name, since browsers often leave CSV types blank. */
export function contentTypeOf(file: File): string {
  return /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE ? XLSX_TYPE : 'text/csv';
}

/** A CSV with the header row only, to fill in (UTF-8 with a BOM so that spreadsheets read the Korean). */
export function templateHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${IMPORT_COLUMNS.map((c) => c.header).join(',')}\r\n`)}`;
}
