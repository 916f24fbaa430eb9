// `npm run package` offline: the CloudFormation template has the functions, the HTTP API routes, least privilege, no secret.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const root = path.resolve(import.meta.dirname, '../..');
const CONNECTORS = ['Goodaccess', 'Gitbook', 'Bird', 'Checkmarx', 'Cloudflare'];
/** Values a developer's shell might hold: none may reach an artifact. */
const CANARIES = {
  GITBOOK_TOKEN: 'canary-gitbook-token-7f3a',
  CLOUDFLARE_API_TOKEN: 'canary-cloudflare-token-91b2',
  CHECKMARX_PASSWORD: 'canary-checkmarx-password-c4d5',
  BIRD_ACCESS_KEY: 'canary-bird-key-e6f7',
  GOODACCESS_TOKEN: 'canary-goodaccess-token-a8b9',
  TEAMGRAPH_API_KEYS: 'leak:canary-api-key-0001:read',
  TEAMGRAPH_REDIS_URL: 'rediss://default:canary-redis-password-5e6f@cache.example.com:6379',
};

let outDir: string;
let stdout = '';
let resources: Record<string, Resource>;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'teamgraph-package-'));
  // No AWS credentials or profile at all: packaging must not need them.
  const env = { PATH: process.env.PATH ?? '', HOME: outDir, ...CANARIES };
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'deploy/package.ts', '--package', outDir], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  stdout = run.stdout;
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}\n${run.stderr}`);
  const template = JSON.parse(readFileSync(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, Resource> };
  resources = template.Resources;
}, 90_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const statementsOf = (role: string): Statement[] =>
  ((resources[role]?.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap((policy) => policy.PolicyDocument.Statement);
const actions = (statement: Statement) => [statement.Action].flat();

describe('npm run package', () => {
  it('prints the size of every artifact', () => {
    for (const name of ['graphql', ...CONNECTORS.map((c) => c.toLowerCase())]) expect(stdout).toMatch(new RegExp(`${name}\\.zip\\s+\\d+ kB zipped`));
    expect(stdout).toMatch(/graphql\.mjs\s+\d+ kB bundled/);
    expect(readdirSync(outDir).filter((file) => file.endsWith('.zip'))).toHaveLength(6);
  });

  it('has the graphql function and one connector per provider: nodejs22.x on arm64', () => {
    const functions = Object.fromEntries(ofType('AWS::Lambda::Function').map(([name, resource]) => [name, resource.Properties]));
    expect(Object.keys(functions).sort()).toEqual(['Graphql', ...CONNECTORS].map((name) => `${name}LambdaFunction`).sort());
    for (const properties of Object.values(functions)) {
      expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
    expect(functions.GraphqlLambdaFunction).toMatchObject({ FunctionName: 'teamgraph-dev-graphql', Handler: 'dist/lambda/graphql.handler', Timeout: 29 });
    expect(functions.GitbookLambdaFunction).toMatchObject({ FunctionName: 'teamgraph-dev-gitbook', Handler: 'dist/lambda/connector.handler' });
    // The gateway's Invoke deadline outlasts a connector's own timeout, and both fit in HTTP API's 30 s.
    const gatewayEnv = (functions.GraphqlLambdaFunction?.Environment as { Variables: Record<string, string> }).Variables;
    expect(Number(gatewayEnv.TEAMGRAPH_LAMBDA_TIMEOUT_MS) / 1000).toBeGreaterThan(functions.GitbookLambdaFunction?.Timeout as number);
    expect(gatewayEnv).toMatchObject({ TEAMGRAPH_TRANSPORT: 'lambda', TEAMGRAPH_CONNECTOR_PREFIX: 'teamgraph-dev-' });
  });

  it('routes POST and GET /graphql of an HTTP API to the graphql function', () => {
    expect(ofType('AWS::ApiGatewayV2::Api')).toHaveLength(1);
    const routes = ofType('AWS::ApiGatewayV2::Route')
      .map(([, resource]) => resource.Properties.RouteKey)
      .sort();
    expect(routes).toEqual(['GET /graphql', 'POST /graphql']);
    const integration = ofType('AWS::ApiGatewayV2::Integration')[0]?.[1].Properties;
    expect(JSON.stringify(integration?.IntegrationUri)).toContain('GraphqlLambdaFunction');
    expect(integration).toMatchObject({ PayloadFormatVersion: '2.0' });
  });

  it('lets the gateway invoke exactly the five connectors, and gives connectors nothing but their logs', () => {
    const functionRoles = Object.fromEntries(ofType('AWS::Lambda::Function').map(([name, resource]) => [name, JSON.stringify(resource.Properties.Role)]));
    expect(functionRoles.GraphqlLambdaFunction).toContain('GatewayRole');
    for (const name of CONNECTORS) expect(functionRoles[`${name}LambdaFunction`]).toContain('ConnectorRole');
    expect(
      ofType('AWS::IAM::Role')
        .map(([name]) => name)
        .sort(),
    ).toEqual(['ConnectorRole', 'GatewayRole']);

    const gateway = statementsOf('GatewayRole');
    const invoke = gateway.filter((statement) => actions(statement).includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect(actions(invoke[0] as Statement)).toEqual(['lambda:InvokeFunction']);
    expect(invoke[0]?.Resource).toEqual(CONNECTORS.map((name) => ({ 'Fn::GetAtt': [`${name}LambdaFunction`, 'Arn'] })));

    const allowed = [...gateway, ...statementsOf('ConnectorRole')].flatMap(actions);
    expect(new Set(allowed)).toEqual(new Set(['lambda:InvokeFunction', 'logs:CreateLogStream', 'logs:PutLogEvents']));
    for (const statement of statementsOf('ConnectorRole')) expect(actions(statement)).not.toContain('lambda:InvokeFunction');
    expect(JSON.stringify(resources)).not.toMatch(/"Action":\s*"\*"|"Resource":\s*"\*"/);
  });

  it('contains no secret value: none from the shell, and no provider variable on the gateway', () => {
    const written = readdirSync(outDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => readFileSync(path.join(outDir, file), 'utf8'))
      .join('\n');
    for (const value of [...Object.values(CANARIES), 'sandbox-token']) expect(written).not.toContain(value);
    const variables = (name: string) => (resources[name]?.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(Object.keys(variables('GraphqlLambdaFunction')).filter((key) => /TOKEN|PASSWORD|ACCESS_KEY|USERNAME/.test(key))).toEqual([]);
    // Each connector carries only its own provider's variables, and the shared store's settings every function has.
    const store = ['TEAMGRAPH_CACHE_TTL', 'TEAMGRAPH_RATE_BUDGETS', 'TEAMGRAPH_REDIS_URL'];
    expect(Object.keys(variables('GitbookLambdaFunction')).sort()).toEqual(
      ['GITBOOK_BASE_URL', 'GITBOOK_TOKEN', 'TEAMGRAPH_CONNECTOR_PROVIDER', ...store].sort(),
    );
    expect(Object.keys(variables('CheckmarxLambdaFunction')).sort()).toEqual(
      ['CHECKMARX_BASE_URL', 'CHECKMARX_PASSWORD', 'CHECKMARX_USERNAME', 'TEAMGRAPH_CONNECTOR_PROVIDER', ...store].sort(),
    );
    expect(variables('GraphqlLambdaFunction')).toMatchObject({ TEAMGRAPH_REDIS_URL: '' });
  });

  it('takes deployed secrets from SSM parameters of the stage, on the connectors only', () => {
    // The connectors' parameters are printed from the provider profiles into the file settings.ssm.yml includes.
    const ssm = readFileSync(path.join(root, 'deploy/settings.ssm.yml'), 'utf8') + readFileSync(path.join(root, 'deploy/connectors.generated.yml'), 'utf8');
    for (const parameter of ['api-keys', 'gitbook/token', 'cloudflare/api-token', 'checkmarx/password', 'bird/access-key', 'goodaccess/token']) {
      expect(ssm).toContain(`\${ssm:/teamgraph/\${sls:stage}/${parameter}}`);
    }
    // The shared store's URL (with its password) for the gateway and every connector, when the stage has one.
    expect(ssm).toContain(`\${ssm:/teamgraph/\${sls:stage}/redis-url, ''}`);
    const config = readFileSync(path.join(root, 'serverless.yml'), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is serverless.yml's own variable syntax.
    expect(config).toContain('settings: ${file(./deploy/settings.${param:source}.yml)}');
    expect(config).not.toMatch(/\$\{ssm:/);
  });
});
