/** The edition's person register as a TEI document (tei/registers/persons.xml). */
import { writeAvailability, xmlAttrs, xmlText } from './xml.js';
import { create } from 'xmlbuilder2';
import type { EditionMeta } from '../enrich/metadata.js';
import type { Person } from '../enrich/registers.js';
import { TEI_NS } from './build.js';
import { TOOL } from '../version.js';

export function buildPersonsTei(persons: Person[], edition: EditionMeta): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TEI_NS, 'TEI', xmlAttrs({ 'xml:id': 'persons', 'xml:lang': edition.language }));
  const fileDesc = root.ele('teiHeader').ele('fileDesc');
  const titleStmt = fileDesc.ele('titleStmt');
  titleStmt.ele('title', xmlAttrs({ type: 'main' })).txt('Persons');
  titleStmt.ele('title', xmlAttrs({ type: 'sub' })).txt(xmlText(edition.title));
  for (const e of edition.editors) titleStmt.ele('editor', xmlAttrs({ 'xml:id': e.id, role: e.role })).txt(xmlText(e.name));
  const pub = fileDesc.ele('publicationStmt');
  pub.ele('publisher').txt(xmlText(edition.publisher));
  if (edition.date) pub.ele('date', xmlAttrs({ when: edition.date })).txt(xmlText(edition.date));
  pub.ele('idno', xmlAttrs({ type: 'local' })).txt('persons');
  writeAvailability(pub, edition);
  fileDesc.ele('sourceDesc').ele('p').txt(xmlText(`The person register of the edition (sources/registers/persons.yaml), written by ${TOOL.name} ${TOOL.version}.`));
  const list = root.ele('text').ele('body').ele('listPerson');
  for (const p of persons) {
    const person = list.ele('person', xmlAttrs({ 'xml:id': p.id }));
    const [surname, forenames] = p.name.split(/,\s*/, 2);
    const name = person.ele('persName', xmlAttrs({ type: 'main' }));
    name.ele('surname').txt(xmlText(surname!));
    if (forenames) name.ele('forename').txt(xmlText(forenames));
    for (const f of p.forms) person.ele('persName', xmlAttrs({ type: 'variant' })).txt(xmlText(f));
    if (p.role) person.ele('occupation').txt(xmlText(p.role));
    if (p.wikidata) person.ele('idno', xmlAttrs({ type: 'wikidata' })).txt(xmlText(p.wikidata));
    if (p.viaf) person.ele('idno', xmlAttrs({ type: 'viaf' })).txt(xmlText(p.viaf));
  }
  return root.end({ prettyPrint: true }) + '\n';
}
