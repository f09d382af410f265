export { LEADER_ELECTION, type LeaderElection } from './leader-election.port';
export { LeaseLeaderElection } from './lease-leader-election';
export { LeaderGate, type LeaderGateOptions, type LeaderWork } from './leader-gate';
export { workerWork, type LeaderLoop } from './leader-work';
