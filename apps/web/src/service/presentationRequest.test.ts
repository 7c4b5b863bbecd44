import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequest, requestUrl, walletLink, type PresentationRequest } from './presentationRequest.js';

const nonce = `0x${'ab'.repeat(32)}` as const;
const request: PresentationRequest = {
  audience: 'Bank of Toluca, account opening', nonce, attributes: ['program'], types: ['BirthCertificate', 'ScholarCurriculum'],
  values: { ageOver18: true, country: 'MX' }, minLevel: 'GovernmentCertified', requireLinked: true, verifier: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
};

describe('presentation request links', () => {
  it('reads back every field of a request from its identree: URL', () => {
    assert.deepEqual(parseRequest(requestUrl(request)), request);
  });

  it('reads a request from the wallet link that carries it', () => {
    assert.deepEqual(parseRequest(walletLink('https://id.example', request)), request);
  });

  it('reads a request the CLI printed, which names no types, values or verifier', () => {
    const cli = `identree:present?audience=https%3A%2F%2Fbank.example&nonce=${nonce}&attributes=ageOver18%2Cprogram&minLevel=Accredited`;
    assert.deepEqual(parseRequest(cli), {
      audience: 'https://bank.example', nonce, attributes: ['ageOver18', 'program'], types: [], values: {}, minLevel: 'Accredited', requireLinked: false, verifier: undefined,
    });
  });

  it('keeps the CLI\'s fields where the CLI reads them', () => {
    const url = new URL(requestUrl(request));
    assert.equal(url.searchParams.get('audience'), request.audience);
    assert.equal(url.searchParams.get('attributes'), 'program');
    assert.equal(url.searchParams.get('requireLinked'), '1');
  });

  it('refuses text that is not a link, with what to paste instead', () => {
    assert.throws(() => parseRequest('hello'), /Paste the whole link the verifier gave you/);
  });

  it('refuses a link cut short before its challenge', () => {
    assert.throws(() => parseRequest('identree:present?audience=bank&nonce=0x12'), /cut short/);
  });

  it('refuses an identree link to something other than a presentation', () => {
    assert.throws(() => parseRequest('identree:issue?offer=1'), /not a request to present/);
  });

  it('refuses a web link that carries no request', () => {
    assert.throws(() => parseRequest('https://id.example/app/wallet'), /That is not a request link/);
  });
});
