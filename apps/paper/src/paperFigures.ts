/**
 * Gas figures of the reference design: as the paper reports them (Tables 4 to 7, §7.2) and as
 * we measured them replaying its contracts (solc 0.8.23, optimizer off) on a local chain.
 */
export const paperFigures = {
  deployRegistry: { paper: 2_801_010, replay: 2_801_010, note: 'paper: deploying Users' },
  registerEntity: { paper: 1_404_589, replay: 1_424_508, note: 'paper: registerUser + DigitalIdentity deployment' },
  anchorBirthCertificate: { paper: 1_651_153, replay: 1_524_379 + 2 * 60_508, note: 'paper: BirthCertificate deployment + 2 parent setters' },
  anchorCurriculum: { paper: 1_356_594, replay: 1_336_682, note: 'paper: ScholarCurriculum deployment' },
  addAchievement: { paper: 186_837, replay: 141_729, note: '' },
  linkCredential: { paper: 148_575, replay: 148_563, note: 'paper: linkToken' },
} as const;

export const MEXICO_POPULATION = 131_822_858;
export const UNIVERSITY = { students: 4_300, subjects: 70 };
export const CITIZEN_CREDENTIALS = 10;
