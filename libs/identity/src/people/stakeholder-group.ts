import { registerEnumType } from '@nestjs/graphql';

export enum StakeholderGroup {
  GOVERNMENT = 'GOVERNMENT',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  TECHNICAL_COMMUNITY = 'TECHNICAL_COMMUNITY',
  INTERGOVERNMENTAL_ORGANISATION = 'INTERGOVERNMENTAL_ORGANISATION',
  ACADEMIA = 'ACADEMIA',
  /** Youth, parliamentarians, media and others. */
  OTHER = 'OTHER',
}

registerEnumType(StakeholderGroup, { name: 'StakeholderGroup' });

/** Self-declared and optional; shown only to the person and in aggregates. */
export enum Gender {
  WOMAN = 'WOMAN',
  MAN = 'MAN',
  NON_BINARY = 'NON_BINARY',
  SELF_DESCRIBED = 'SELF_DESCRIBED',
  PREFER_NOT_TO_SAY = 'PREFER_NOT_TO_SAY',
}

registerEnumType(Gender, { name: 'Gender' });
