// Test helpers other workspaces' tests use: a face turn faked from a still photo (what a fake camera can be fed).
export { cylinderTurn } from '../testing/cylinderTurn.js';
