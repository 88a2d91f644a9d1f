import { type ReactNode, useMemo } from 'react';
import { ChoiceGroup, Field } from '../../../design/Field';
import { useLocale } from '../../../i18n/I18nProvider';
import { LOCALE_NAMES, LOCALES } from '../../../i18n/locales';
import { type MessageId, useT } from '../../../i18n/t';
import { countryOptions } from './countries';
import type { Problems } from './form-state';

export const STAKEHOLDER_GROUPS = ['GOVERNMENT', 'PRIVATE_SECTOR', 'CIVIL_SOCIETY', 'TECHNICAL_COMMUNITY', 'INTERGOVERNMENTAL_ORGANISATION', 'ACADEMIA', 'OTHER'] as const;
export const GENDERS = ['WOMAN', 'MAN', 'NON_BINARY', 'SELF_DESCRIBED', 'PREFER_NOT_TO_SAY'] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];
export type Gender = (typeof GENDERS)[number];

export interface ProfileValues {
  displayName: string;
  organisation: string;
  country: string;
  stakeholderGroup: StakeholderGroup | '';
  gender: Gender | '';
  preferredLanguage: string;
}

/** The ids of the profile controls under `prefix`, in the order they appear. */
export const profileFieldIds = (prefix: string) => ({
  displayName: `${prefix}-name`,
  organisation: `${prefix}-organisation`,
  stakeholderGroup: `${prefix}-stakeholder-group`,
  country: `${prefix}-country`,
  gender: `${prefix}-gender`,
  preferredLanguage: `${prefix}-language`,
});

/** Checks the profile on submit; each message says what to do. */
export function validateProfile(values: ProfileValues, prefix: string, t: ReturnType<typeof useT>): Problems {
  const ids = profileFieldIds(prefix);
  const problems: Problems = {};
  if (!values.displayName.trim()) problems[ids.displayName] = t('account.error.nameMissing');
  else if (values.displayName.trim().length > 120) problems[ids.displayName] = t('account.error.nameLong');
  if (values.organisation.trim().length > 200) problems[ids.organisation] = t('account.error.organisationLong');
  if (!values.stakeholderGroup) problems[ids.stakeholderGroup] = t('account.error.stakeholderGroupMissing');
  if (!values.country) problems[ids.country] = t('account.error.countryMissing');
  return problems;
}

/** The reader-language message for an API problem with a profile field, or null when it is not one. */
export function profileProblem(field: string, prefix: string, t: ReturnType<typeof useT>): [string, string] | null {
  const ids = profileFieldIds(prefix);
  switch (field) {
    case 'displayName':
      return [ids.displayName, t('account.error.nameMissing')];
    case 'organisation':
      return [ids.organisation, t('account.error.organisationLong')];
    case 'country':
      return [ids.country, t('account.error.countryMissing')];
    case 'stakeholderGroup':
      return [ids.stakeholderGroup, t('account.error.stakeholderGroupMissing')];
    case 'gender':
      return [ids.gender, t('account.error.genderInvalid')];
    case 'preferredLanguage':
      return [ids.preferredLanguage, t('account.error.languageInvalid')];
    default:
      return null;
  }
}

/** The profile a person states about themself: name, organisation, stakeholder group, country, gender, language. */
export function ProfileFields({
  values,
  onChange,
  problems,
  prefix,
  afterName,
}: {
  values: ProfileValues;
  onChange: (values: ProfileValues) => void;
  problems: Problems;
  prefix: string;
  /** Controls placed right after the name (registration: e-mail and password). */
  afterName?: ReactNode;
}) {
  const t = useT();
  const { locale } = useLocale();
  const ids = profileFieldIds(prefix);
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const set = <K extends keyof ProfileValues>(key: K, value: ProfileValues[K]) => onChange({ ...values, [key]: value });
  return (
    <>
      <Field label={t('account.field.name')} hint={t('account.field.nameHint')} error={problems[ids.displayName]} id={ids.displayName}>
        <input type="text" name="displayName" autoComplete="name" maxLength={200} value={values.displayName} onChange={(e) => set('displayName', e.target.value)} dir="auto" />
      </Field>
      {afterName}
      <Field label={t('account.field.organisation')} hint={t('account.field.organisationHint')} error={problems[ids.organisation]} id={ids.organisation}>
        <input type="text" name="organisation" autoComplete="organization" value={values.organisation} onChange={(e) => set('organisation', e.target.value)} dir="auto" />
      </Field>
      <ChoiceGroup legend={t('account.field.stakeholderGroup')} hint={t('account.field.stakeholderGroupHint')} error={problems[ids.stakeholderGroup]} id={ids.stakeholderGroup}>
        {STAKEHOLDER_GROUPS.map((group) => (
          <label key={group}>
            <input type="radio" name={`${prefix}-stakeholderGroup`} value={group} checked={values.stakeholderGroup === group} onChange={() => set('stakeholderGroup', group)} />
            <span>{t(`account.stakeholderGroup.${group}` as MessageId)}</span>
          </label>
        ))}
      </ChoiceGroup>
      <Field label={t('account.field.country')} hint={t('account.field.countryHint')} error={problems[ids.country]} id={ids.country}>
        <select name="country" autoComplete="country" value={values.country} onChange={(e) => set('country', e.target.value)}>
          <option value="">{t('account.field.countryChoose')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
      </Field>
      <ChoiceGroup legend={t('account.field.gender')} hint={t('account.field.genderHint')} error={problems[ids.gender]} id={ids.gender}>
        {GENDERS.map((gender) => (
          <label key={gender}>
            <input type="radio" name={`${prefix}-gender`} value={gender} checked={values.gender === gender} onChange={() => set('gender', gender)} />
            <span>{t(`account.gender.${gender}` as MessageId)}</span>
          </label>
        ))}
      </ChoiceGroup>
      <Field label={t('account.field.language')} hint={t('account.field.languageHint')} error={problems[ids.preferredLanguage]} id={ids.preferredLanguage}>
        <select name="preferredLanguage" value={values.preferredLanguage} onChange={(e) => set('preferredLanguage', e.target.value)}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

/** The profile values as the API takes them (blank optional text as null). */
export function profileInput(values: ProfileValues) {
  return {
    displayName: values.displayName.trim(),
    organisation: values.organisation.trim() || null,
    country: values.country || null,
    stakeholderGroup: values.stakeholderGroup || null,
    gender: values.gender || null,
    preferredLanguage: values.preferredLanguage,
  };
}
