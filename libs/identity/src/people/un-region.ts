import { registerEnumType } from '@nestjs/graphql';
import { StakeholderGroup } from './stakeholder-group';

/** The five UN regional groups, plus Intergovernmental for staff of intergovernmental organisations. */
export enum UnRegion {
  AFRICAN = 'AFRICAN',
  ASIA_PACIFIC = 'ASIA_PACIFIC',
  EASTERN_EUROPEAN = 'EASTERN_EUROPEAN',
  GRULAC = 'GRULAC',
  WEOG = 'WEOG',
  INTERGOVERNMENTAL = 'INTERGOVERNMENTAL',
}

registerEnumType(UnRegion, {
  name: 'UnRegion',
  description: 'UN regional group, derived from the country (GRULAC: Latin America and Caribbean; WEOG: Western European and Others).',
});

/**
 * UN regional groups by ISO 3166-1 alpha-2 code. Member states follow the groups as used for UN
 * elections (the United States, an observer of WEOG, is counted there). Observer states and territories
 * that belong to no group are placed in the group of their geography so that every input is counted.
 */
const GROUPS: Record<Exclude<UnRegion, UnRegion.INTERGOVERNMENTAL>, string> = {
  [UnRegion.AFRICAN]:
    'DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW' +
    ' EH RE YT SH IO',
  [UnRegion.ASIA_PACIFIC]:
    'AF BH BD BT BN KH CN CY KP FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM NR NP OM PK PW PG PH QA KR WS SA SG SB LK SY TJ TH TL TO TM TV AE UZ VU VN YE' +
    ' PS TW HK MO NC PF CK NU TK WF AS GU MP PN CX CC NF',
  [UnRegion.EASTERN_EUROPEAN]: 'AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME PL MD RO RU RS SK SI MK UA XK',
  [UnRegion.GRULAC]:
    'AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE' +
    ' PR AW CW SX BQ GP MQ GF BL MF KY VG VI AI MS TC FK GS BV',
  [UnRegion.WEOG]:
    'AD AU AT BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US' +
    ' VA GL FO GI JE GG IM AX SJ BM PM HM TF AQ UM',
};

const REGION_BY_COUNTRY = new Map<string, UnRegion>(
  Object.entries(GROUPS).flatMap(([region, codes]) => codes.split(' ').map((code) => [code, region as UnRegion] as const)),
);

export function regionOfCountry(country: string | null | undefined): UnRegion | null {
  return country ? REGION_BY_COUNTRY.get(country.toUpperCase()) ?? null : null;
}

/** IGO staff are counted as Intergovernmental whatever their country; everyone else by country. */
export function regionOf(country: string | null | undefined, group: StakeholderGroup | null | undefined): UnRegion | null {
  if (group === StakeholderGroup.INTERGOVERNMENTAL_ORGANISATION) return UnRegion.INTERGOVERNMENTAL;
  return regionOfCountry(country);
}

export function knownCountryCodes(): string[] {
  return [...REGION_BY_COUNTRY.keys()];
}
