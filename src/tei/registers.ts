/** The edition's person register as a TEI document (tei/registers/persons.xml). */
import { create } from 'xmlbuilder2';
import type { EditionMeta } from '../enrich/metadata.js';
import type { Person } from '../enrich/registers.js';
import { TEI_NS } from './build.js';
import { TOOL } from '../version.js';

export function buildPersonsTei(persons: Person[], edition: EditionMeta): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI', { 'xml:id': 'persons', 'xml:lang': edition.language });
  const fileDesc = root.ele('teiHeader').ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  titleStmt.ele('title', { type: 'main' }).txt('Persons');
  titleStmt.ele('title', { type: 'sub' }).txt(edition.title);
  for (const e of edition.editors) titleStmt.ele('editor', { 'xml:id': e.id, role: e.role }).txt(e.name);
  const pub = fileDesc.ele('publicationStmt');
  pub.ele('publisher').txt(edition.publisher);
  if (edition.date) pub.ele('date', { when: edition.date }).txt(edition.date);
  pub.ele('idno', { type: 'local' }).txt('persons');
  pub.ele('availability', { status: 'free' }).ele('licence', { target: edition.licence.encoding.target }).txt(edition.licence.encoding.text);
  fileDesc.ele('sourceDesc').ele('p').txt(`The person register of the edition (sources/registers/persons.yaml), written by ${TOOL.name} ${TOOL.version}.`);
  const list = root.ele('text').ele('body').ele('listPerson');
  for (const p of persons) {
    const person = list.ele('person', { 'xml:id': p.id });
    const [surname, forenames] = p.name.split(/,\s*/, 2);
    const name = person.ele('persName', { type: 'main' });
    name.ele('surname').txt(surname!);
    if (forenames) name.ele('forename').txt(forenames);
    for (const f of p.forms) person.ele('persName', { type: 'variant' }).txt(f);
    if (p.role) person.ele('occupation').txt(p.role);
    if (p.wikidata) person.ele('idno', { type: 'wikidata' }).txt(p.wikidata);
    if (p.viaf) person.ele('idno', { type: 'viaf' }).txt(p.viaf);
  }
  return root.end({ prettyPrint: true }) + '\n';
}
