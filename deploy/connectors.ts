// The connector functions, their settings and the gateway's invoke grants, as serverless.yml reads them: printed from the provider list.
import { PROVIDERS } from '../src/providers/catalog.js';

export const CONNECTORS_FILE = 'deploy/connectors.generated.yml';

const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** YAML for one scalar: single-quoted, so `${...}` stays a serverless variable and nothing else is special. */
const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The file serverless.yml includes: `functions` (one connector per provider, each with only its own provider's
 * variables), `invoke` (the ARNs the gateway may invoke, nothing else) and the connectors' environment per settings
 * source: `ssm` (deployed: credentials from SSM Parameter Store, other values empty so the adapters' defaults hold)
 * and `env` (serverless-offline and `npm run package`: the shell's environment).
 */
export function connectorsYaml(): string {
  const lines: string[] = [
    '# Generated from the provider profiles (src/providers/*/profile.ts) by `npm run codegen`; do not edit.',
    '# test/deploy-connectors.test.ts fails when this file is stale.',
    'functions:',
  ];
  for (const profile of PROVIDERS) {
    const name = profile.sandbox.simulator;
    lines.push(
      `  ${name}:`,
      '    handler: dist/lambda/connector.handler',
      '    memorySize: 512',
      '    timeout: 12',
      '    role: ConnectorRole',
      '    package:',
      '      patterns:',
      '        - dist/lambda/connector.mjs',
      "        - 'dist/lambda/connector-chunks/**'",
      `    environment: \${self:custom.settings.connectors.${name}}`,
    );
  }
  lines.push('invoke:');
  for (const profile of PROVIDERS) lines.push(`  - Fn::GetAtt: [${capitalized(profile.sandbox.simulator)}LambdaFunction, Arn]`);
  for (const source of ['ssm', 'env'] as const) {
    lines.push(`${source}:`);
    for (const profile of PROVIDERS) {
      lines.push(`  ${profile.sandbox.simulator}:`, `    TEAMGRAPH_CONNECTOR_PROVIDER: ${profile.id}`);
      for (const setting of profile.settings) {
        if (setting.deployed === false) continue;
        const value = source === 'env' ? `\${env:${setting.variable}, ''}` : setting.ssm ? `\${ssm:/teamgraph/\${sls:stage}/${setting.ssm}}` : '';
        lines.push(`    ${setting.variable}: ${quoted(value)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Variables whose values are credentials: kept out of what `npm run package` hands to osls. */
export function secretVariables(): string[] {
  return PROVIDERS.flatMap((profile) => profile.settings.filter((setting) => setting.secret).map((setting) => setting.variable));
}
