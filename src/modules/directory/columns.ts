import { normalizeForSearch } from '../../kernel/hangul.ts';
import type { Bilingual } from '../../kernel/i18n.ts';
import type { Organization } from './service.ts';

/**
 * The columns of the directory's tabular exchange. Exports write `header`; imports recognise the
 * header and its aliases as Korean public data files write them (기업명, 대표자, 소재지 …), ignoring
 * spacing and case. A mapping file can name any other header.
 */
export const COLUMNS = [
  { field: 'name', header: '기업명', aliases: ['단체명', '조직명', '기관명', '상호', '상호명', '기업명칭', 'name'] },
  { field: 'nameEn', header: '영문명', aliases: ['영문기업명', '영문 명칭', 'name_en', 'english name'] },
  { field: 'representative', header: '대표자', aliases: ['대표자명', '대표', '대표자 성명', 'representative'] },
  { field: 'legalForm', header: '법인형태', aliases: ['법인구분', '법인격', '조직형태', 'legal form'] },
  { field: 'type', header: '유형', aliases: ['기업유형', '조직유형', '구분', 'type'] },
  { field: 'subtype', header: '세부유형', aliases: ['세부구분', '인증구분', '지정구분', '협동조합 유형', 'subtype'] },
  { field: 'industry', header: '업종', aliases: ['업종구분', '분야', '사업분야', 'industry'] },
  { field: 'district', header: '자치구', aliases: ['시군구', '구', '소재 자치구', 'district'] },
  { field: 'roadAddress', header: '도로명주소', aliases: ['소재지', '주소', '소재지주소', '소재지(도로명)', '사업장 주소', 'address'] },
  { field: 'lat', header: '위도', aliases: ['lat', 'latitude', 'y'] },
  { field: 'lon', header: '경도', aliases: ['lon', 'lng', 'longitude', 'x'] },
  { field: 'phone', header: '전화번호', aliases: ['연락처', '대표전화', '전화', 'phone'] },
  { field: 'email', header: '이메일', aliases: ['전자우편', '이메일주소', 'email'] },
  { field: 'website', header: '홈페이지', aliases: ['웹사이트', '홈페이지주소', 'website', 'url'] },
  { field: 'description', header: '소개', aliases: ['기업소개', '설명', '사업내용', 'description'] },
  { field: 'products', header: '주요제품·서비스', aliases: ['주요제품', '주요 서비스', '주요제품 및 서비스', '제품/서비스', 'products'] },
  { field: 'businessRegNo', header: '사업자등록번호', aliases: ['사업자번호', '사업자 등록번호', 'business registration number'] },
  { field: 'foundedOn', header: '설립일', aliases: ['설립일자', '설립년월일', 'founded'] },
  { field: 'certifiedOn', header: '인증일', aliases: ['인증일자', '지정일', '지정일자', 'certified'] },
  { field: 'status', header: '상태', aliases: ['영업상태', '운영상태', 'status'] },
  { field: 'employees', header: '종사자수', aliases: ['고용인원', '근로자수', '직원수', 'employees'] },
  { field: 'members', header: '조합원수', aliases: ['회원수', 'members'] },
] as const;

export type ColumnField = (typeof COLUMNS)[number]['field'];

const key = (h: string) => normalizeForSearch(h);
const BY_HEADER = new Map<string, ColumnField>(COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [key(h), c.field] as const)));

/** Which field each header feeds (undefined: a column we do not read). `mapping` wins over the built-in names. */
export function fieldsOfHeaders(headers: string[], mapping: Record<string, string> = {}): (ColumnField | undefined)[] {
  const custom = new Map(Object.entries(mapping).map(([h, f]) => [key(h), f as ColumnField]));
  return headers.map((h) => custom.get(key(h)) ?? BY_HEADER.get(key(h)));
}

const STATUS_TEXT: Record<string, 'operating' | 'closed'> = { 운영: 'operating', 운영중: 'operating', 영업: 'operating', 영업중: 'operating', operating: 'operating', 폐업: 'closed', 휴폐업: 'closed', 해산: 'closed', closed: 'closed' };
export const statusOf = (text: string) => STATUS_TEXT[key(text)];
export const STATUS_LABEL: Record<'operating' | 'closed', Bilingual> = { operating: { ko: '운영', en: 'operating' }, closed: { ko: '폐업', en: 'closed' } };

/** One exported row, in COLUMNS order. */
export function exportRow(o: Organization): (string | number | null)[] {
  const certified = o.statusHistory.find((e) => e.kind === 'certified' || e.kind === 'designated')?.on ?? null;
  const v: Record<ColumnField, string | number | null> = {
    name: o.name,
    nameEn: o.nameEn,
    representative: o.representative,
    legalForm: o.legalForm,
    type: o.type?.label.ko ?? null,
    subtype: o.subtype?.label.ko ?? null,
    industry: o.industry?.label.ko ?? null,
    district: o.district?.name.ko ?? null,
    roadAddress: o.roadAddress,
    lat: o.location?.lat ?? null,
    lon: o.location?.lon ?? null,
    phone: o.phone,
    email: o.email,
    website: o.website,
    description: o.description,
    products: o.products,
    businessRegNo: o.businessRegNo,
    foundedOn: o.foundedOn,
    certifiedOn: certified,
    status: STATUS_LABEL[o.status].ko,
    employees: o.employees,
    members: o.members,
  };
  return COLUMNS.map((c) => v[c.field]);
}
