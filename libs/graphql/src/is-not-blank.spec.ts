import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validateSync } from 'class-validator';
import { IsNotBlank, Trim, isNotBlank } from './is-not-blank';

class NameInput {
  @Trim()
  @IsString()
  @IsNotBlank()
  name!: string;

  @IsOptional()
  @IsNotBlank()
  note?: string;
}

const problems = (plain: object) => validateSync(plainToInstance(NameInput, plain)).map((e) => e.property);

describe('IsNotBlank and Trim', () => {
  it('tells blank text (white space and invisible characters only) from text that shows something', () => {
    for (const blank of ['', ' ', '\t\n', '\u00a0', '\u3000', '\u200b', '\u2060\ufeff']) expect(isNotBlank(blank)).toBe(false);
    for (const text of ['a', ' a ', '·', '\u{1f4a5}', 'عربي']) expect(isNotBlank(text)).toBe(true);
  });

  it('refuses a blank name, trims a padded one, and leaves a missing optional field to IsOptional', () => {
    expect(problems({ name: '   ' })).toEqual(['name']);
    expect(problems({ name: 'Ana', note: '\u200b' })).toEqual(['note']);
    expect(problems({ name: 'Ana' })).toEqual([]);
    expect(plainToInstance(NameInput, { name: '  Ana Silva \n' }).name).toBe('Ana Silva');
  });
});
