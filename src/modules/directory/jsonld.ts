import type { Organization } from './service.ts';

/** A schema.org Organization with its Place, for `Accept: application/ld+json` and exports. */
export function organizationJsonLd(o: Organization, baseUrl: string) {
  const base = baseUrl.replace(/\/$/, '');
  const address = {
    '@type': 'PostalAddress',
    ...(o.roadAddress ? { streetAddress: o.roadAddress } : {}),
    ...(o.district ? { addressLocality: o.district.name.ko } : {}),
    addressRegion: '서울특별시',
    addressCountry: 'KR',
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': `${base}/api/v1/organizations/${o.id}`,
    identifier: o.id,
    name: o.name,
    ...(o.nameEn ? { alternateName: o.nameEn } : {}),
    ...(o.legalForm ? { legalName: `${o.legalForm} ${o.name}` } : {}),
    ...(o.type ? { additionalType: [o.type.label.ko, ...(o.subtype ? [o.subtype.label.ko] : [])].join(' / ') } : {}),
    ...(o.industry ? { knowsAbout: o.industry.label.ko } : {}),
    ...(o.description ? { description: o.description } : {}),
    ...(o.products ? { makesOffer: { '@type': 'Offer', description: o.products } } : {}),
    ...(o.phone ? { telephone: o.phone } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.website ? { url: o.website } : {}),
    ...(Object.keys(o.socialLinks).length ? { sameAs: Object.values(o.socialLinks) } : {}),
    ...(o.businessRegNo ? { taxID: o.businessRegNo } : {}),
    ...(o.foundedOn ? { foundingDate: o.foundedOn } : {}),
    ...(o.employees !== null ? { numberOfEmployees: { '@type': 'QuantitativeValue', value: o.employees } } : {}),
    ...(o.status === 'closed' ? { dissolutionDate: [...o.statusHistory].reverse().find((e) => e.kind === 'closed')?.on } : {}),
    address,
    location: {
      '@type': 'Place',
      address,
      ...(o.location ? { geo: { '@type': 'GeoCoordinates', latitude: o.location.lat, longitude: o.location.lon } } : {}),
    },
    ...(o.councils.length ? { memberOf: o.councils.map((c) => ({ '@type': 'Organization', '@id': `${base}/api/v1/organizations/${c.id}`, name: c.name })) } : {}),
  };
}

/** True when the Accept header ranks JSON-LD above plain JSON. */
export function prefersJsonLd(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept.split(',').map((part, i) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, i };
  });
  const ld = ranked.find((r) => r.type === 'application/ld+json');
  const json = ranked.find((r) => r.type === 'application/json' || r.type === '*/*' || r.type === 'application/*');
  if (!ld || ld.q === 0) return false;
  return !json || ld.q > json.q || (ld.q === json.q && ld.i < json.i);
}
