// Test helpers other workspaces' tests use: frames a fake camera can be fed from a still photo (a cylinder turn,
// and the eval's depth-warped head turns and painted blinks, which human reads as turned and blinking).
export { cylinderTurn } from '../testing/cylinderTurn.js';
export { closeEyes, turnHead, type Box } from '../testing/syntheticFrames.js';
