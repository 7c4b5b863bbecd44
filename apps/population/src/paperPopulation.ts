/**
 * The reference paper's population figures (the same numbers as apps/paper/src/paperFigures.ts,
 * repeated here because apps do not import each other).
 */
export const MEXICO_POPULATION = 131_822_858;
/** Paper: registerUser + DigitalIdentity deployment, and BirthCertificate deployment + 2 parent setters. */
const PAPER_GAS_PER_CITIZEN = 1_404_589 + 1_651_153;
const PAPER_DEPLOY_GAS = 2_801_010;
/** The paper's extrapolation for the whole population: about 4.03e14 gas. */
export const PAPER_POPULATION_GAS = PAPER_DEPLOY_GAS + MEXICO_POPULATION * PAPER_GAS_PER_CITIZEN;
