#!/usr/bin/env node
// `npm run demo`: walks one group conference through every step against the running service
// (`npm start` in another terminal), then prints the case and its history; then a family case of
// workflow version 2 that adjourns once, corrects an address, removes a participant, ends without a
// plan and asks for a family follow-up conference.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const base = process.env.TAFEL_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const dataDir = resolve(process.env.TAFEL_DATA_DIR ?? './data');

function adminToken() {
  if (process.env.TAFEL_TOKEN) return process.env.TAFEL_TOKEN;
  const file = `${dataDir}/tokens.plain.json`;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).admin;
  } catch {
    console.error(`No token: set TAFEL_TOKEN, or start the service once so that ${file} exists.`);
    process.exit(2);
  }
}

const token = adminToken();

async function call(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((e) => {
    console.error(
      `Cannot reach ${base} (${e.cause?.code ?? e.message}). Is the service running? Try: npm start`,
    );
    process.exit(2);
  });
  const json = await res.json();
  if (!res.ok) {
    console.error(`${method} ${path} → ${res.status}`, json);
    process.exit(1);
  }
  return json;
}

async function step(label, method, path, body) {
  const answer = await call(method, path, body);
  console.log(`${label.padEnd(40)} → ${answer.state.padEnd(18)} next: ${answer.nextSteps.join(', ') || '—'}`);
  return answer;
}

const inDays = (d) => new Date(Date.now() + d * 86_400_000).toISOString();

const c = await step('request', 'POST', '/v1/cases', {
  kind: 'group',
  applicant: { name: 'Wijkteam Lombok', email: 'wijkteam@example.org', organisation: 'Gemeente Utrecht' },
  region: 'Utrecht',
  description: 'Spanningen tussen buren rond het speelveld aan de Kanaalstraat.',
  channel: 'online',
});
const id = c.id;
await step('complete-intake', 'POST', `/v1/cases/${id}/intake`, {
  conferenceQuestions: [
    'Hoe kunnen we weer samen om tafel, zodat het over de kinderen gaat en niet over onze boosheid?',
  ],
});
await step('assign-coordinator', 'POST', `/v1/cases/${id}/coordinator`, {
  coordinatorId: 'coordinator-1',
  name: 'Fatima de Vries',
  email: 'fatima@example.org',
  independenceDeclared: true,
});
const people = [
  { name: 'Anna Jansen', role: 'neighbour', email: 'anna@example.org' },
  { name: 'Mohamed El Amrani', role: 'neighbour', phone: '06-12345678' },
  { name: 'Joris Bakker', role: 'professional', email: 'wijkagent@example.org', organisation: 'Politie' },
];
const ids = [];
for (const p of people) {
  const a = await step(`invite-participant (${p.name})`, 'POST', `/v1/cases/${id}/participants`, p);
  ids.push(a.participantId);
}
for (const pid of ids) {
  await step('record-preparation', 'POST', `/v1/cases/${id}/participants/${pid}/preparation`, {});
  await step('record-answer (accepted)', 'POST', `/v1/cases/${id}/participants/${pid}/answer`, {
    answer: 'accepted',
  });
}
await step('schedule-conference', 'POST', `/v1/cases/${id}/schedule`, {
  startsAt: inDays(14),
  location: 'Buurthuis De Speeldoos',
});
// The demo records the conference as held straight away; a real case waits for the day.
await step('hold-conference', 'POST', `/v1/cases/${id}/conference`, {
  heldAt: new Date().toISOString(),
  attendees: ids,
});
await step('record-plan', 'POST', `/v1/cases/${id}/plan`, {
  agreements: [
    {
      ownerIds: [ids[0], ids[1]],
      action: 'Samen de speeltijden op het veld afspreken',
      when: 'binnen twee weken',
    },
    {
      ownerIds: [ids[2]],
      action: 'Twee keer per week langs het veld lopen',
      where: 'Kanaalstraat',
      when: 'vanaf maandag',
    },
  ],
  ifItDoesNotWork: 'We komen binnen een maand opnieuw bij elkaar in het buurthuis.',
});
await step('distribute-plan', 'POST', `/v1/cases/${id}/plan/distribution`, {});
await step('contact-follow-up', 'POST', `/v1/cases/${id}/follow-up`, {
  contactedAt: new Date().toISOString(),
  outcome: 'on-track',
});
const followUp = await call('POST', `/v1/cases/${id}/follow-up-conference`, {
  reason: 'Nieuwe bewoners willen meedoen.',
});
console.log(
  `${'request-follow-up-conference'.padEnd(40)} → new case ${followUp.reference} (${followUp.state})`,
);
await step('close', 'POST', `/v1/cases/${id}/closure`, {});

console.log('\nThe case now:\n');
console.log(JSON.stringify(await call('GET', `/v1/cases/${id}`), null, 2));
console.log('\nIts history:\n');
const { events } = await call('GET', `/v1/cases/${id}/history`);
for (const e of events) {
  console.log(
    `#${String(e.revision).padStart(2)} ${e.occurredAt} ${e.type.padEnd(28)} by ${e.actor.id}  ${e.hash.slice(0, 12)}…`,
  );
}
const verdict = await call('GET', `/v1/cases/${id}/verification`);
console.log(`\nHash chain: ${verdict.valid ? 'valid' : 'BROKEN'} over ${verdict.events} events.`);

console.log('\nA family case (workflow version 2): adjourned, corrected, a participant removed, no plan:\n');
const f = await step('request (family)', 'POST', '/v1/cases', {
  kind: 'family',
  applicant: { name: 'Sanne de Wit', email: 'sanne@example.org' },
  region: 'Utrecht',
  description: 'Na de scheiding lukt het niet om samen afspraken over de kinderen te maken.',
  channel: 'phone',
});
await step('complete-intake', 'POST', `/v1/cases/${f.id}/intake`, {
  conferenceQuestions: [
    'Hoe zorgen we samen dat Noor (9) en Sem (6) zich veilig voelen bij allebei hun ouders?',
  ],
  issueType: 'divorce',
});
await step('assign-coordinator', 'POST', `/v1/cases/${f.id}/coordinator`, {
  coordinatorId: 'coordinator-1',
  name: 'Fatima de Vries',
  email: 'fatima@example.org',
  independenceDeclared: true,
});
const family = [
  { name: 'Sanne de Wit', role: 'family', email: 'sanne@exmaple.org' },
  { name: 'Ruben de Wit', role: 'family', email: 'ruben@example.org', language: 'en' },
  { name: 'Buurman Kees', role: 'neighbour', phone: '06-87654321' },
];
const fids = [];
for (const p of family) {
  const a = await step(`invite-participant (${p.name})`, 'POST', `/v1/cases/${f.id}/participants`, p);
  fids.push(a.participantId);
}
await step('correct-participant (e-mail)', 'POST', `/v1/cases/${f.id}/participants/${fids[0]}/details`, {
  email: 'sanne@example.org',
});
await step('remove-participant', 'POST', `/v1/cases/${f.id}/participants/${fids[2]}/removal`, {
  reason: 'Hoort niet bij deze vraag.',
});
for (const pid of fids.slice(0, 2)) {
  await step('record-answer (accepted)', 'POST', `/v1/cases/${f.id}/participants/${pid}/answer`, {
    answer: 'accepted',
  });
}
await step('schedule-conference', 'POST', `/v1/cases/${f.id}/schedule`, {
  startsAt: inDays(7),
  location: 'Wijkcentrum Lombok',
});
await step('adjourn-conference', 'POST', `/v1/cases/${f.id}/conference/adjournment`, {
  heldAt: new Date().toISOString(),
  attendees: fids.slice(0, 2),
  reason: 'De familie wil meer tijd.',
  continuesAt: inDays(21),
});
await step('hold-conference', 'POST', `/v1/cases/${f.id}/conference`, {
  heldAt: new Date().toISOString(),
  attendees: fids.slice(0, 2),
  privatePartHeld: true,
});
await step('record-no-plan', 'POST', `/v1/cases/${f.id}/plan/none`, {
  reason: 'De ouders konden het nog niet eens worden.',
});
const again = await call('POST', `/v1/cases/${f.id}/follow-up-conference`, {
  reason: 'Over een half jaar opnieuw proberen.',
  kind: 'family',
});
console.log(
  `${'request-follow-up-conference'.padEnd(40)} → new ${again.kind} case ${again.reference} (${again.state})`,
);
await step('close', 'POST', `/v1/cases/${f.id}/closure`, {});
