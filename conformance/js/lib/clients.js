// One AWS SDK for JavaScript v3 client per service, all pointed at localcloud.
import { ACMClient } from '@aws-sdk/client-acm';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { strictReader } from './strict.js';

export const REGION = 'us-east-1';

export function clients(endpoint) {
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'AKIDLOCALCLOUD', secretAccessKey: 'localcloud-secret' },
    // The suite retries what AWS documents as retryable itself; the SDK's own retries would hide
    // a wrong status code or error shape.
    maxAttempts: 1,
  };
  const all = {
    acm: new ACMClient(config),
    ec2: new EC2Client(config),
    ecs: new ECSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    iam: new IAMClient(config),
    logs: new CloudWatchLogsClient(config),
    route53: new Route53Client(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    secrets: new SecretsManagerClient(config),
    sts: new STSClient(config),
    tagging: new ResourceGroupsTaggingAPIClient(config),
  };
  // Every AWS response names its request (x-amzn-RequestId, <RequestId>, <requestId>, or
  // x-amz-request-id for S3); the SDK exposes it as $metadata.requestId.
  const withoutRequestId = [];
  for (const client of Object.values(all)) {
    client.middlewareStack.add((next, context) => async (args) => {
      const result = await next(args);
      if (!result.output?.$metadata?.requestId) withoutRequestId.push(`${context.clientName}.${context.commandName}`);
      return result;
    }, { step: 'initialize', name: 'requestIdCheck' });
  }
  const protocols = {
    ec2: 'ec2', iam: 'query', sts: 'query', elb: 'query', route53: 'restXml', s3: 'restXml',
    acm: 'json', ecs: 'json', logs: 'json', secrets: 'json', tagging: 'json',
  };
  const shapeFindings = [];
  for (const [key, client] of Object.entries(all)) strictReader(client, protocols[key], shapeFindings);
  return { ...all, withoutRequestId, shapeFindings };
}
