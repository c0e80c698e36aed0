import { silentLogger } from '../../core/logger';
import { BullMqQueue } from '../../queue/bullmq-queue';
import { describeJobQueue } from '../conformance/job-queue-suite';
import { deleteRedisKeys, requireRedis, uniquePrefix } from '../helpers/services';

const prefixes: string[] = [];
let url = '';

beforeAll(async () => {
  url = await requireRedis();
});

afterAll(async () => {
  for (const prefix of prefixes) await deleteRedisKeys(url, prefix);
});

describeJobQueue('BullMQ on Redis', async () => {
  const prefix = uniquePrefix('queue');
  prefixes.push(prefix);
  return BullMqQueue.connect({ url, prefix, logger: silentLogger });
});
