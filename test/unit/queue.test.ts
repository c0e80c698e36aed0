import { InProcessQueue } from '../../queue/in-process-queue';
import { describeJobQueue } from '../conformance/job-queue-suite';

describeJobQueue('in-process', async () => new InProcessQueue());
