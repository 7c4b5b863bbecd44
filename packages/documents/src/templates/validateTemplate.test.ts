import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { TemplateInvalidError, UnknownTemplateError } from '../errors.js';
import { getTemplate, templateIds } from './getTemplate.js';
import { validateTemplate } from './validateTemplate.js';

const raw = (id: string) => JSON.parse(readFileSync(new URL(`../../templates/${id}.json`, import.meta.url), 'utf8'));

describe('document templates', () => {
  it('validates every shipped template against the schema and the cross-field rules', () => {
    for (const id of templateIds) assert.equal(validateTemplate(raw(id)).id, id);
  });

  it('gives the BDIMS residence card its ten fields, in the paper\'s names', () => {
    assert.deepEqual(getTemplate('residence-card').fields.map((f) => f.name).sort(), [
      'Address', 'DateOfBegin', 'DateOfBirth', 'DateOfExpiration', 'Name', 'No', 'PeriodOfStay', 'Region', 'Sex', 'Status',
    ]);
  });

  it('rejects a template whose field lacks a region, naming the path', () => {
    const template = raw('national-id');
    delete template.fields[2].region;
    assert.throws(() => validateTemplate(template), (error: unknown) => {
      assert.ok(error instanceof TemplateInvalidError);
      assert.match(error.message, /^Template "national-id" is invalid: \/fields\/2 must have required property 'region'/);
      return true;
    });
  });

  it('rejects a region that leaves the document and a repeated field name', () => {
    const template = raw('residence-card');
    template.fields[0].region.x = 800;
    template.fields[3].name = 'Name';
    assert.throws(() => validateTemplate(template), {
      name: 'TemplateInvalidError',
      message: 'Template "residence-card" is invalid: /fields/0 (No) region leaves the document; /fields/3 (Name) repeats the field name',
    });
  });

  it('rejects an MRZ cross-check that names no field of the template', () => {
    const template = raw('passport-td3');
    template.mrz.crossCheck.push({ field: 'Nickname', mrz: 'firstName' });
    assert.throws(() => validateTemplate(template), /\/mrz\/crossCheck names unknown field Nickname/);
  });

  it('refuses an unknown template id with a typed error listing the known ones', () => {
    assert.throws(() => getTemplate('drivers-licence'), (error: unknown) => {
      assert.ok(error instanceof UnknownTemplateError);
      assert.equal(error.shortMessage, 'Unknown document template "drivers-licence"');
      assert.equal(error.details, 'known templates: residence-card, national-id, passport-td3');
      return true;
    });
  });

  it('rejects state-code and MRZ-date slices of the wrong width or outside the line', () => {
    const template = raw('passport-td3');
    const line2 = template.fields.find((f: { name: string }) => f.name === 'MrzLine2');
    line2.validation.stateCodes = [[10, 14]];
    line2.validation.mrzDates = [[40, 46]];
    assert.throws(() => validateTemplate(template), (error: unknown) => {
      assert.ok(error instanceof TemplateInvalidError);
      assert.match(error.message, /state code slice \[10, 14\) is not three characters/);
      assert.match(error.message, /MRZ date slice \[40, 46\) is not six characters/);
      return true;
    });
  });
});
