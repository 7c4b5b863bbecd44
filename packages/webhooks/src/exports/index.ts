// Webhooks as both sides see them: where a delivery may go, and how its body is signed and checked.
export { checkWebhookUrl, webhookAgent, WebhookTargetError, type WebhookTargetPolicy } from '../webhookTarget.js';
export { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature, WebhookSignatureError } from '../webhookSignature.js';
