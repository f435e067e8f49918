// The strict reader must catch what the SDKs silently drop; these bodies are wrong on purpose.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescribeVpcs$ } from '@aws-sdk/client-ec2';
import { DescribeServices$ } from '@aws-sdk/client-ecs';
import { GetRole$ } from '@aws-sdk/client-iam';
import { GetChange$ } from '@aws-sdk/client-route-53';
import { checkBody } from '../lib/strict.js';

const vpcs = (items, requestId = '<requestId>r1</requestId>') => `<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${requestId}
  <vpcSet>${items}</vpcSet></DescribeVpcsResponse>`;

test('EC2: a well-formed DescribeVpcs answer has no findings', () => {
  assert.deepEqual(checkBody('ec2', DescribeVpcs$,
    vpcs('<item><vpcId>vpc-1</vpcId><isDefault>false</isDefault><cidrBlock>10.0.0.0/16</cidrBlock></item>')), []);
});

test('EC2: <member> where EC2 lists use <item>, and a missing requestId', () => {
  assert.deepEqual(checkBody('ec2', DescribeVpcs$, vpcs('<member><vpcId>vpc-1</vpcId></member>', '')), [
    'DescribeVpcs: DescribeVpcsResponse: no <requestId>',
    'DescribeVpcs: DescribeVpcsResponse.vpcSet: list item <member> should be <item>',
  ]);
});

test('EC2: a misnamed element and a boolean that is not true/false', () => {
  assert.deepEqual(checkBody('ec2', DescribeVpcs$, vpcs('<item><VpcId>vpc-1</VpcId><isDefault>no</isDefault></item>')), [
    'DescribeVpcs: DescribeVpcsResponse.vpcSet[0]: unknown element <VpcId> in Vpc',
    'DescribeVpcs: DescribeVpcsResponse.vpcSet[0].isDefault: expected true/false, got "no"',
  ]);
});

test('query protocol: the Result wrapper, misnamed members, timestamps', () => {
  const body = (role) => `<GetRoleResponse><GetRoleResult><Role>${role}</Role></GetRoleResult>
    <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetRoleResponse>`;
  assert.deepEqual(checkBody('query', GetRole$,
    body('<RoleName>a</RoleName><Arn>arn</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate>')), []);
  assert.deepEqual(checkBody('query', GetRole$,
    body('<Rolename>a</Rolename><CreateDate>1704164645</CreateDate>')), [
    'GetRole: GetRoleResult.Role: unknown element <Rolename> in Role',
    'GetRole: GetRoleResult.Role.CreateDate: timestamp "1704164645" is not ISO 8601 date-time',
  ]);
  assert.deepEqual(checkBody('query', GetRole$, '<GetRoleResult><Role/></GetRoleResult>'), [
    'GetRole: GetRoleResult: root element should be <GetRoleResponse>',
    'GetRole: GetRoleResult: unknown element <Role>',
  ]);
});

test('REST-XML: the root element is the output shape', () => {
  assert.deepEqual(checkBody('restXml', GetChange$,
    '<GetChangeResponse><ChangeInfo><Id>/change/C1</Id><Status>INSYNC</Status></ChangeInfo></GetChangeResponse>'), []);
  assert.deepEqual(checkBody('restXml', GetChange$, '<GetChangeResult><ChangeInfo/></GetChangeResult>'),
    ['GetChange: GetChangeResult: root element should be <GetChangeResponse>']);
});

test('JSON 1.1: nulls, capitalised member names, ISO timestamps, strings for numbers', () => {
  const ok = { services: [{ serviceArn: 'a', desiredCount: 1, createdAt: 1704164645.5 }], failures: [] };
  assert.deepEqual(checkBody('json', DescribeServices$, JSON.stringify(ok)), []);
  const bad = { services: [{ ServiceArn: 'a', desiredCount: '1', createdAt: '2024-01-02T03:04:05Z', taskSets: null }] };
  assert.deepEqual(checkBody('json', DescribeServices$, JSON.stringify(bad)), [
    'DescribeServices: $.services[0]: unknown member "ServiceArn" in Service',
    'DescribeServices: $.services[0].desiredCount: expected a number, got "1"',
    'DescribeServices: $.services[0].createdAt: timestamp "2024-01-02T03:04:05Z" is not in the protocol\'s format',
    'DescribeServices: $.services[0].taskSets: null (AWS omits absent members)',
  ]);
});
