/** Strings of the public procurement pages (공공구매), the buyer's dashboard and the staff's procurement tools. Korean first; English mirrors every key. */
export const ko = {
  'procurement.nav': '공공구매',
  'procurement.staffNav': '공공구매',
  'procurement.homeText': '기관의 구매실적 파일을 가져오고(미리 확인 후 반영, 되돌리기), 기관과 구매 담당자, 연도별 목표를 관리합니다.',
};

export const en: Record<keyof typeof ko, string> = {
  'procurement.nav': 'Public procurement',
  'procurement.staffNav': 'Public procurement',
  'procurement.homeText': 'Import institutions\' purchase records (check first, then apply; undo), manage institutions, their buyer officers and yearly targets.',
};
