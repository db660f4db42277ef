/**
 * The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that a log like neardup's touches: each
 * object's required properties, the types and enums of those it uses, and no properties the spec does not define on
 * them. Written by hand from the spec rather than vendored whole; objects neardup never writes are left open.
 */
const message = {
  type: 'object',
  anyOf: [{ required: ['text'] }, { required: ['id'] }],
  properties: { text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' }, arguments: { type: 'array', items: { type: 'string' } } },
  additionalProperties: false,
};
const multiformatMessageString = { type: 'object', required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' } }, additionalProperties: false };
const level = { enum: ['none', 'note', 'warning', 'error'] };
const region = {
  type: 'object',
  properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 }, endColumn: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
};
const artifactLocation = { type: 'object', properties: { uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' }, index: { type: 'integer', minimum: -1 } }, additionalProperties: false };
const physicalLocation = {
  type: 'object',
  anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
  properties: { address: { type: 'object' }, artifactLocation, region, contextRegion: region },
  additionalProperties: false,
};
const location = { type: 'object', properties: { id: { type: 'integer', minimum: -1 }, physicalLocation, message }, additionalProperties: false };
const reportingDescriptor = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    shortDescription: multiformatMessageString,
    fullDescription: multiformatMessageString,
    helpUri: { type: 'string', format: 'uri' },
    defaultConfiguration: { type: 'object', properties: { enabled: { type: 'boolean' }, level, rank: { type: 'number' } }, additionalProperties: false },
    properties: { type: 'object' },
  },
  additionalProperties: false,
};
const toolComponent = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    version: { type: 'string' },
    semanticVersion: { type: 'string' },
    informationUri: { type: 'string', format: 'uri' },
    rules: { type: 'array', items: reportingDescriptor },
  },
  additionalProperties: false,
};
const result = {
  type: 'object',
  required: ['message'],
  properties: {
    ruleId: { type: 'string' },
    ruleIndex: { type: 'integer', minimum: -1 },
    kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
    level,
    message,
    locations: { type: 'array', items: location },
    partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
    fingerprints: { type: 'object', additionalProperties: { type: 'string' } },
    properties: { type: 'object' },
  },
  additionalProperties: false,
};
const run = {
  type: 'object',
  required: ['tool'],
  properties: { tool: { type: 'object', required: ['driver'], properties: { driver: toolComponent, extensions: { type: 'array' } }, additionalProperties: false }, results: { type: 'array', items: result } },
};

export const sarifSchema = {
  type: 'object',
  required: ['version', 'runs'],
  properties: { $schema: { type: 'string', format: 'uri' }, version: { enum: ['2.1.0'] }, runs: { type: 'array', items: run }, properties: { type: 'object' } },
  additionalProperties: false,
};
