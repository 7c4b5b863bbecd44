// The JSON schema every template file must meet, checked with ajv (the validator the SDK already uses).
const region = {
  type: 'object',
  additionalProperties: false,
  required: ['x', 'y', 'width', 'height'],
  properties: {
    x: { type: 'number', minimum: 0 },
    y: { type: 'number', minimum: 0 },
    width: { type: 'number', exclusiveMinimum: 0 },
    height: { type: 'number', exclusiveMinimum: 0 },
  },
} as const;

/** Per position: `A` a letter, `9` a digit, `X` either; OCR's look-alikes are swapped to fit. */
// Slices of a value, `[start, end)`.
const slices = {
  type: 'array', minItems: 1,
  items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 0 } },
} as const;
const mask = { type: 'string', pattern: '^[A9X]+$' } as const;

const normaliser = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { enum: ['words', 'sex'] } } },
    { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { const: 'code' }, mask } },
    {
      type: 'object', additionalProperties: false, required: ['kind', 'format'],
      properties: { kind: { const: 'date' }, format: { enum: ['YYYY.MM.DD', 'DD.MM.YYYY', 'DD MMM YYYY'] } },
    },
    {
      type: 'object', additionalProperties: false, required: ['kind', 'length'],
      properties: { kind: { const: 'mrz' }, length: { type: 'integer', minimum: 1 }, mask },
    },
  ],
} as const;

const field = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'label', 'source', 'type', 'region', 'normaliser', 'validation', 'charset'],
  properties: {
    name: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
    label: { type: 'string' },
    source: { type: 'string', minLength: 1 },
    type: { enum: ['name', 'date', 'sex', 'text', 'address', 'code', 'mrz'] },
    region,
    normaliser,
    validation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pattern: { type: 'string', minLength: 1 },
        maxLength: { type: 'integer', minimum: 1 },
        enum: { type: 'array', items: { type: 'string' }, minItems: 1 },
        date: { type: 'boolean' },
        checkDigits: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false, required: ['ranges', 'digit'],
            properties: {
              ranges: {
                type: 'array', minItems: 1,
                items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 0 } },
              },
              digit: { type: 'integer', minimum: 0 },
            },
          },
        },
        stateCodes: slices,
        mrzDates: slices,
      },
    },
    charset: { type: 'string', minLength: 1 },
  },
} as const;

export const templateSchema = {
  $id: 'https://identree.dev/schemas/document-template.json',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'description', 'size', 'style', 'fields'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    title: { type: 'string' },
    description: { type: 'string' },
    size: {
      type: 'object', additionalProperties: false, required: ['width', 'height'],
      properties: { width: { type: 'integer', minimum: 100 }, height: { type: 'integer', minimum: 100 } },
    },
    style: {
      type: 'object', additionalProperties: false, required: ['paper', 'ink', 'accent', 'photo'],
      properties: {
        paper: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
        ink: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
        accent: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
        photo: region,
      },
    },
    fields: { type: 'array', minItems: 1, items: field },
    mrz: {
      type: 'object', additionalProperties: false, required: ['format', 'lines', 'crossCheck'],
      properties: {
        format: { const: 'TD3' },
        lines: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
        crossCheck: {
          type: 'array',
          items: {
            type: 'object', additionalProperties: false, required: ['field', 'mrz'],
            properties: {
              field: { type: 'string' },
              mrz: { enum: ['documentCode', 'issuingState', 'documentNumber', 'lastName', 'firstName', 'birthDate', 'sex', 'expirationDate', 'nationality'] },
            },
          },
        },
      },
    },
  },
} as const;
