export { SmtpTestServer, type ScriptedReply } from './smtp-test-server';
