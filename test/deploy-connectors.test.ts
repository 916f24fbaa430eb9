// deploy/connectors.generated.yml is what the provider profiles print now: a provider added or changed reaches serverless.yml.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONNECTORS_FILE, connectorsYaml } from '../deploy/connectors.js';
import { PROVIDERS } from '../src/providers/catalog.js';

describe(CONNECTORS_FILE, () => {
  it('is what `npm run codegen` prints now', () => {
    expect(readFileSync(CONNECTORS_FILE, 'utf8')).toBe(connectorsYaml());
  });

  it('has one connector per provider, each with only its own variables, and the gateway may invoke exactly those', () => {
    const text = connectorsYaml();
    for (const profile of PROVIDERS) {
      expect(text).toContain(`  ${profile.sandbox.simulator}:\n    handler: dist/lambda/connector.handler`);
      expect(text).toContain(`TEAMGRAPH_CONNECTOR_PROVIDER: ${profile.id}`);
      for (const setting of profile.settings.filter((s) => s.secret)) {
        // Deployed credentials only ever come from SSM.
        expect(text).toContain(`${setting.variable}: '\${ssm:/teamgraph/\${sls:stage}/${setting.ssm}}'`);
      }
    }
    expect(text.match(/Fn::GetAtt/g)).toHaveLength(PROVIDERS.length);
  });
});
