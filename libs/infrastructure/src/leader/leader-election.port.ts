/**
 * Leader election between the processes that could run the worker's part (projections, process
 * managers, the dispatcher): at most one leads; when it dies, another takes over.
 */
export const LEADER_ELECTION = Symbol('LEADER_ELECTION');

export interface LeaderElection {
  /**
   * One round: takes the post if it is free, keeps it (and checks it is still held) if it is ours.
   * Resolves to whether this process leads now; a database that cannot be reached means "no".
   */
  campaign(): Promise<boolean>;
  /** Whether the last round left this process leading. */
  readonly leading: boolean;
  /** Called when the post is lost between rounds (connection gone), not by `resign`. */
  onLost(listener: () => void): void;
  /** Gives the post up at once, so a standby need not wait, and releases what the election holds. */
  resign(): Promise<void>;
}
