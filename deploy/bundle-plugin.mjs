// osls plugin: bundles the Lambda entry points before anything packages, deploys or runs them offline.
import { bundleLambdas } from './bundle.mjs';

export default class BundleLambdasPlugin {
  // biome-ignore lint/correctness/noUnusedFunctionParameters: osls passes (serverless, options, utils) by position.
  constructor(serverless, _options, { log }) {
    const bundle = async () => {
      const outputs = await bundleLambdas();
      log.verbose(`teamgraph: bundled ${outputs.map(({ file, bytes }) => `${file} (${Math.round(bytes / 1024)} kB)`).join(', ')}`);
    };
    // Every command that reads dist/lambda rebuilds it first, so a stale bundle can never be deployed.
    this.hooks = {
      'before:package:createDeploymentArtifacts': bundle,
      'before:deploy:function:packageFunction': bundle,
      'before:offline:start': bundle,
      'before:offline:start:init': bundle,
      'before:invoke:local:invoke': bundle,
    };
  }
}
