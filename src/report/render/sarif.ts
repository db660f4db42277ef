import type { Report } from '../scan-report.js';
import { VERSION } from '../../version.js';
import { findingMessage, findings } from './findings.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const RULE_ID = 'near-duplicate';

/**
 * A path as a URI reference: each segment percent-encoded, so `#`, `?` and `:` stay part of the name, but the %XX a
 * name not in UTF-8 is spelled with (input/input-path.ts escapedName), which are already its bytes' escapes; an
 * absolute path as a file: URI.
 */
export function pathUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) =>
      segment
        .toWellFormed()
        .split(/(%[0-9A-F]{2})/)
        .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
        .join(''),
    )
    .join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}

/**
 * SARIF 2.1.0 (GitHub code scanning, GitLab): one result per duplicate to flag (with a baseline only the new ones),
 * located on the file it was read from (GitHub refuses a result without a location). `partialFingerprints` pairs a duplicate with its canonical, so code
 * scanning tracks the same finding from run to run.
 */
export function renderSarif(report: Report, version = VERSION): string {
  const results = findings(report).map((f) => ({
    ruleId: RULE_ID,
    level: 'warning',
    message: { text: findingMessage(f) },
    ...(f.file === undefined
      ? {}
      : {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathUri(f.file) },
                ...(f.line === undefined ? {} : { region: { startLine: f.line } }),
              },
            },
          ],
        }),
    partialFingerprints: { 'neardup/v1': `${f.member.id}\u0000${f.cluster.canonical}` },
    properties: {
      id: f.member.id,
      canonical: f.cluster.canonical,
      cluster: f.cluster.id,
      relation: f.member.relation,
      jaccard: f.member.jaccard,
      memberInCanonical: f.member.containment.memberInCanonical,
      canonicalInMember: f.member.containment.canonicalInMember,
      changedWords: f.member.changedWords,
    },
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'neardup',
            version,
            rules: [
              {
                id: RULE_ID,
                name: 'NearDuplicateArticle',
                shortDescription: { text: 'An article is a near-duplicate of another one (its cluster\'s canonical).' },
                defaultConfiguration: { level: 'warning' },
              },
            ],
          },
        },
        results,
        // Inputs that could not be read, where code scanning shows a run's problems (otherwise only on standard error).
        ...(report.skipped.length === 0
          ? {}
          : {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: report.skipped.map((s) => ({ level: 'warning', message: { text: `skipped ${s.path}: ${s.reason}` } })),
                },
              ],
            }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
