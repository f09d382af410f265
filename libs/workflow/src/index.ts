export * from './types';
export {
  WORKFLOW_RULES,
  WORKFLOW_RULES_V2,
  RULES,
  RULE_MESSAGES,
  RULE_MESSAGES_NL,
  ruleMessage,
  ruleScope,
  type GuardCode,
  type RuleCode,
  type RuleKey,
} from './rules';
export {
  generalRule,
  stepRule,
  redeclare,
  guardsOf,
  stepRulesOf,
  transitionsOf,
  type CodeOf,
  type GuardArgs,
  type GuardCodeOf,
  type Rule,
  type RuleScope,
  type RuleTable,
  type StepRule,
} from './rule-table';
export {
  STEP_COMMANDS,
  STEP_EVENTS,
  COMMAND_STEPS,
  EVENT_STEPS,
  stepOf,
  stepEventOf,
  type CaseStep,
  type Proposal,
  type StepEvent,
  type StepEventOf,
  type StepCommand,
} from './steps';
export { conferenceMachine, type ConferenceMachine } from './conference.machine';
export { conferenceMachineV2, type ConferenceMachineV2 } from './conference-v2.machine';
export {
  WORKFLOW_VERSION,
  machineFor,
  workflowVersions,
  registerWorkflowVersion,
  type WorkflowMachine,
} from './workflow-registry';
export { snapshotOf, type CaseSnapshot } from './snapshot';
export { evolve, fold } from './evolve';
export { decide } from './decide';
export { nextSteps, CASE_STEPS } from './next-steps';
export { exampleCommand } from './example-commands';
export {
  EVENT_SCHEMA_VERSIONS,
  UPCASTERS,
  upcast,
  createUpcaster,
  type Upcaster,
  type UpcasterRegistry,
} from './upcasters';
export {
  workflowDiagram,
  workflowTransitions,
  describeWorkflow,
  type WorkflowDescription,
  type WorkflowTransition,
} from './mermaid';
export {
  ERASED,
  PERSON_ERASED,
  CASE_DATA_DESTROYED,
  PARTICIPANT_OWNED,
  personStreamOf,
  retentionStreamOf,
  type CaseDataDestroyedData,
  erasePerson,
  destroyCaseText,
  destroyedCase,
  eraseSealed,
  isSealed,
  type PersonErasedData,
} from './erasure';
