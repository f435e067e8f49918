// EC2: VPC, internet gateway, default route, two subnets in two zones, two security groups.
import assert from 'node:assert/strict';
import {
  AttachInternetGatewayCommand, AuthorizeSecurityGroupIngressCommand, CreateInternetGatewayCommand,
  CreateRouteCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand,
  DeleteInternetGatewayCommand, DeleteRouteCommand, DeleteSecurityGroupCommand, DeleteSubnetCommand,
  DeleteVpcCommand, DescribeAvailabilityZonesCommand, DescribeInternetGatewaysCommand,
  DescribeNetworkInterfacesCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand, DescribeVpcsCommand, DetachInternetGatewayCommand,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { REGION } from '../lib/clients.js';
import { expectError, retrying, until } from '../lib/wait.js';

const NOT_YET = ['InvalidVpcID.NotFound', 'InvalidSubnetID.NotFound', 'InvalidGroup.NotFound',
  'InvalidInternetGatewayID.NotFound', 'InvalidRouteTableID.NotFound'];
const DEPENDENCY = ['DependencyViolation'];

const ec2Tags = (ctx, type, id) => [{
  ResourceType: type,
  Tags: [...ctx.tagList(id), { Key: 'Name', Value: `${ctx.stack}-${id}` }],
}];

const tagMap = (tags) => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

export const up = [
  ['EC2 DescribeAvailabilityZones lists at least two available zones', async (t, { c, net }) => {
    const out = await c.ec2.send(new DescribeAvailabilityZonesCommand({
      Filters: [{ Name: 'state', Values: ['available'] }],
    }));
    assert.ok(out.AvailabilityZones.length >= 2, 'at least two zones');
    for (const z of out.AvailabilityZones) {
      assert.equal(z.State, 'available');
      assert.equal(z.RegionName, REGION);
      assert.match(z.ZoneName, /^us-east-1[a-z]$/);
      assert.match(z.ZoneId, /^use1-az\d+$/);
    }
    net.zones = out.AvailabilityZones.slice(0, 2).map((z) => z.ZoneName);
  }],

  ['EC2 CreateVpc answers the VPC and DescribeVpcs sees it available', async (t, ctx) => {
    const { c, net } = ctx;
    const out = await c.ec2.send(new CreateVpcCommand({
      CidrBlock: '10.0.0.0/16', TagSpecifications: ec2Tags(ctx, 'vpc', 'vpc'),
    }));
    assert.match(out.Vpc.VpcId, /^vpc-[0-9a-f]{8,17}$/);
    assert.equal(out.Vpc.CidrBlock, '10.0.0.0/16');
    assert.ok(['pending', 'available'].includes(out.Vpc.State), `state ${out.Vpc.State}`);
    assert.equal(out.Vpc.IsDefault, false);
    assert.equal(tagMap(out.Vpc.Tags)['berth:stack'], ctx.stack);
    net.vpcId = out.Vpc.VpcId;
    const vpc = await until('VPC available',
      () => c.ec2.send(new DescribeVpcsCommand({ VpcIds: [net.vpcId] })),
      (r) => r.Vpcs[0]?.State === 'available', { retryOn: NOT_YET });
    assert.equal(vpc.Vpcs.length, 1);
    assert.equal(vpc.Vpcs[0].VpcId, net.vpcId);
    assert.equal(vpc.Vpcs[0].CidrBlockAssociationSet?.[0]?.CidrBlock, '10.0.0.0/16');
    assert.equal(tagMap(vpc.Vpcs[0].Tags)['berth:id'], 'vpc');
  }],

  ['EC2 CreateInternetGateway and AttachInternetGateway', async (t, ctx) => {
    const { c, net } = ctx;
    const out = await c.ec2.send(new CreateInternetGatewayCommand({
      TagSpecifications: ec2Tags(ctx, 'internet-gateway', 'igw'),
    }));
    assert.match(out.InternetGateway.InternetGatewayId, /^igw-[0-9a-f]+$/);
    assert.deepEqual(out.InternetGateway.Attachments ?? [], []);
    net.igwId = out.InternetGateway.InternetGatewayId;
    await retrying('attach gateway', NOT_YET, () => c.ec2.send(new AttachInternetGatewayCommand({
      InternetGatewayId: net.igwId, VpcId: net.vpcId,
    })));
    const d = await c.ec2.send(new DescribeInternetGatewaysCommand({
      Filters: [{ Name: 'attachment.vpc-id', Values: [net.vpcId] }],
    }));
    assert.equal(d.InternetGateways.length, 1);
    assert.equal(d.InternetGateways[0].InternetGatewayId, net.igwId);
    assert.deepEqual(d.InternetGateways[0].Attachments, [{ State: 'available', VpcId: net.vpcId }]);
  }],

  ['EC2 CreateRoute 0.0.0.0/0 in the main route table', async (t, { c, net }) => {
    const mainFilter = [{ Name: 'vpc-id', Values: [net.vpcId] }, { Name: 'association.main', Values: ['true'] }];
    const rt = await c.ec2.send(new DescribeRouteTablesCommand({ Filters: mainFilter }));
    assert.equal(rt.RouteTables.length, 1, 'one main route table');
    const table = rt.RouteTables[0];
    assert.match(table.RouteTableId, /^rtb-[0-9a-f]+$/);
    assert.equal(table.VpcId, net.vpcId);
    assert.ok(table.Associations.some((a) => a.Main === true), 'a main association');
    assert.ok(table.Routes.some((r) => r.DestinationCidrBlock === '10.0.0.0/16' && r.GatewayId === 'local'),
      'the local route');
    net.routeTableId = table.RouteTableId;
    const out = await c.ec2.send(new CreateRouteCommand({
      RouteTableId: net.routeTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: net.igwId,
    }));
    assert.equal(out.Return, true);
    const after = await retrying('route table visible', NOT_YET, () => c.ec2.send(
      new DescribeRouteTablesCommand({ RouteTableIds: [net.routeTableId] })));
    const route = after.RouteTables[0].Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
    assert.equal(route?.GatewayId, net.igwId);
    assert.equal(route?.State, 'active');
    assert.equal(route?.Origin, 'CreateRoute');
  }],

  ['EC2 CreateSubnet in two availability zones', async (t, ctx) => {
    const { c, net } = ctx;
    net.subnetIds = [];
    for (const [i, zone] of net.zones.entries()) {
      const cidr = `10.0.${i}.0/24`;
      const out = await c.ec2.send(new CreateSubnetCommand({
        VpcId: net.vpcId, CidrBlock: cidr, AvailabilityZone: zone,
        TagSpecifications: ec2Tags(ctx, 'subnet', `subnet-${i}`),
      }));
      const s = out.Subnet;
      assert.match(s.SubnetId, /^subnet-[0-9a-f]+$/);
      assert.equal(s.VpcId, net.vpcId);
      assert.equal(s.CidrBlock, cidr);
      assert.equal(s.AvailabilityZone, zone);
      assert.equal(s.AvailableIpAddressCount, 251);
      assert.match(s.SubnetArn, new RegExp(`^arn:aws:ec2:${REGION}:\\d{12}:subnet/${s.SubnetId}$`));
      net.subnetIds.push(s.SubnetId);
      await retrying('subnet visible', NOT_YET, () => c.ec2.send(new ModifySubnetAttributeCommand({
        SubnetId: s.SubnetId, MapPublicIpOnLaunch: { Value: true },
      })));
    }
    // A subnet reads 'pending' for a moment after CreateSubnet, as on AWS: poll until available.
    const d = await until(
      'subnets available',
      () => c.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [net.vpcId] }] })),
      (r) => r.Subnets.length === net.subnetIds.length && r.Subnets.every((s) => s.State === 'available'),
    );
    assert.deepEqual(d.Subnets.map((s) => s.SubnetId).sort(), [...net.subnetIds].sort());
    for (const s of d.Subnets) {
      assert.equal(s.MapPublicIpOnLaunch, true);
      assert.equal(s.State, 'available');
    }
  }],

  ['EC2 DeleteVpc with subnets fails with DependencyViolation', async (t, { c, net }) => {
    await expectError(c.ec2.send(new DeleteVpcCommand({ VpcId: net.vpcId })), 'DependencyViolation', 400);
  }],

  ['EC2 security groups: load balancer from anywhere, tasks from the load balancer only', async (t, ctx) => {
    const { c, net } = ctx;
    const group = async (name, id) => {
      const out = await c.ec2.send(new CreateSecurityGroupCommand({
        GroupName: name, Description: `berth ${id}`, VpcId: net.vpcId,
        TagSpecifications: ec2Tags(ctx, 'security-group', id),
      }));
      assert.match(out.GroupId, /^sg-[0-9a-f]+$/);
      assert.match(out.SecurityGroupArn ?? '', /^arn:aws:ec2:us-east-1:\d{12}:security-group\/sg-/);
      return out.GroupId;
    };
    net.lbGroupName = `${ctx.stack}-lb`;
    net.lbGroupId = await group(net.lbGroupName, 'lb-sg');
    net.taskGroupId = await group(`${ctx.stack}-task`, 'task-sg');
    const lbRules = await retrying('lb group visible', NOT_YET, () => c.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: net.lbGroupId,
        IpPermissions: [80, 443].map((p) => ({
          IpProtocol: 'tcp', FromPort: p, ToPort: p, IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        })),
      })));
    assert.equal(lbRules.Return, true);
    assert.equal(lbRules.SecurityGroupRules.length, 2);
    for (const r of lbRules.SecurityGroupRules) {
      assert.match(r.SecurityGroupRuleId, /^sgr-[0-9a-f]+$/);
      assert.equal(r.GroupId, net.lbGroupId);
      assert.equal(r.IsEgress, false);
      assert.equal(r.CidrIpv4, '0.0.0.0/0');
    }
    const taskRules = await retrying('task group visible', NOT_YET, () => c.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: net.taskGroupId,
        IpPermissions: [{
          IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080,
          UserIdGroupPairs: [{ GroupId: net.lbGroupId }],
        }],
      })));
    assert.equal(taskRules.SecurityGroupRules[0].ReferencedGroupInfo?.GroupId, net.lbGroupId);

    const d = await retrying('groups visible', NOT_YET, () => c.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [net.lbGroupId, net.taskGroupId] })));
    const byId = Object.fromEntries(d.SecurityGroups.map((g) => [g.GroupId, g]));
    const lb = byId[net.lbGroupId];
    assert.equal(lb.GroupName, net.lbGroupName);
    assert.equal(lb.VpcId, net.vpcId);
    assert.match(lb.OwnerId, /^\d{12}$/);
    assert.deepEqual(lb.IpPermissions.map((p) => [p.IpProtocol, p.FromPort, p.ToPort, p.IpRanges.map((r) => r.CidrIp)])
      .sort(), [['tcp', 443, 443, ['0.0.0.0/0']], ['tcp', 80, 80, ['0.0.0.0/0']]]);
    assert.ok(lb.IpPermissionsEgress.some((p) => p.IpProtocol === '-1'), 'default egress rule');
    const task = byId[net.taskGroupId];
    assert.equal(task.IpPermissions.length, 1);
    assert.equal(task.IpPermissions[0].FromPort, 8080);
    assert.deepEqual(task.IpPermissions[0].IpRanges, []);
    assert.equal(task.IpPermissions[0].UserIdGroupPairs[0].GroupId, net.lbGroupId);
    assert.match(task.IpPermissions[0].UserIdGroupPairs[0].UserId, /^\d{12}$/);
  }],

  ['EC2 CreateSecurityGroup with a name taken in the VPC fails with InvalidGroup.Duplicate', async (t, { c, net }) => {
    await expectError(c.ec2.send(new CreateSecurityGroupCommand({
      GroupName: net.lbGroupName, Description: 'again', VpcId: net.vpcId,
    })), 'InvalidGroup.Duplicate', 400);
  }],
];

export const down = [
  ['EC2 delete security groups (retrying while network interfaces linger)', async (t, { c, net }) => {
    // The task group references the load balancer group, so it goes first.
    for (const id of [net.taskGroupId, net.lbGroupId]) {
      await retrying(`delete ${id}`, DEPENDENCY, () => c.ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })));
    }
    const enis = await c.ec2.send(new DescribeNetworkInterfacesCommand({
      Filters: [{ Name: 'vpc-id', Values: [net.vpcId] }],
    }));
    assert.deepEqual(enis.NetworkInterfaces, []);
  }],

  ['EC2 delete subnets, route, gateway and VPC', async (t, { c, net }) => {
    for (const id of net.subnetIds) {
      await retrying(`delete ${id}`, DEPENDENCY, () => c.ec2.send(new DeleteSubnetCommand({ SubnetId: id })));
    }
    await c.ec2.send(new DeleteRouteCommand({ RouteTableId: net.routeTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    await retrying('detach gateway', DEPENDENCY, () => c.ec2.send(new DetachInternetGatewayCommand({
      InternetGatewayId: net.igwId, VpcId: net.vpcId,
    })));
    await c.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: net.igwId }));
    await retrying('delete VPC', DEPENDENCY, () => c.ec2.send(new DeleteVpcCommand({ VpcId: net.vpcId })));
    await expectError(c.ec2.send(new DescribeVpcsCommand({ VpcIds: [net.vpcId] })), 'InvalidVpcID.NotFound', 400);
  }],
];
