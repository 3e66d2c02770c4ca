<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: the processing model.

  One table, written once: for each TEI element and each edition view (diplomatic, normalized), the
  behaviour it gets. The outputs (html.xsl, text.xsl) implement each behaviour once for their
  format, as a named template (htm:deletion, txt:deletion, …); edition.xsl includes the three and
  sends each behaviour (te:deletion, te:paragraph, …) to the format being written. The outputs never
  decide per element what a view shows.

  Views
    diplomatic   what the page shows: deletions struck, insertions raised, sic and abbr as written,
                 page breaks, furniture and stamps, hands, every witness.
    normalized   a reading text: deletions dropped, insertions in place, corr and expan, furniture and
                 stamps out of the running text, notes numbered, paragraphs broken by a page joined,
                 the base witness only.

  Behaviours (the vocabulary the outputs implement)
    omit          nothing at all
    content       the element's content, no mark of its own
    document      the root: the witnesses, the notes
    witness       one copy of the document, with its label
    witness-intro the transcriber's line introducing a copy
    heading       a heading
    paragraph     a paragraph (with its continuations in the normalized view)
    block         a block of text (ab)
    caption       a caption inside the text (label)
    dateline      a dateline
    list          a list; list-head its heading; item an item
    closer        the closing part; signed a signature
    admin         drafting/clearance/approval lines of the form, a block
    footnote      a numbered note
    page-break    a page break
    line-break    a line break
    space         a line break read as a space
    furniture     running heads, classification marks, form captions (fw)
    stamp         a stamp (fw type="stamp", stamp)
    deletion      struck text
    insertion     text inserted above the line
    hand          text in another hand
    bracketed     text bracketed in the source
    bold, italic  highlighted text
    excision      an excision, worded as FRUS does
    gap           other missing text
    quote         quoted text, in quotation marks
    apparatus     the critical apparatus after the text (apparatus.xsl, which implements the
                  apparatus behaviours in both formats): app-inline an entry inline in the text (its
                  lemma), app-ref an entry's letter in the reading text, variant-text and
                  variant-end a copy's text inside an entry's span (diplomatic), emendation a
                  correction taken from another copy
    name          a name (persName, placeName, orgName, name, term)
    acronym       an abbreviation kept as written, its expansion listed with the text
    section       one text of several in a file (a text of a group, a TEI of a teiCorpus), titled
    table, row, cell   a table (cell: a header cell where it or its row has role="label")
    register      a list of persons, places, organisations, events, works (listPerson, …, listBibl)
    entry         one entry of a register (person, place, org, event, bibl, …)
    field         a labelled part of an entry or a manuscript description (born, shelfmark, …)
    manuscript    a manuscript description (msDesc)
    ms-section    a titled part of one (contents, physical description, history, …)
    line          a line of verse or of a transcribed page (l, line)
    zone          a zone of a transcribed page (zone, surface)
    speaker       who speaks (sp/speaker), set apart from the speech
    stage         a stage direction
    inline-note   a note kept where it stands (inside a register entry or a manuscript description)
    separate      an element whose edges are word boundaries, rendered as its content with a space either side
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:te="urn:tei-edition:xslt"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                exclude-result-prefixes="#all">

  <!-- Note types that are lines of the form, not annotations. -->
  <xsl:variable name="te:admin-notes" as="xs:string*" select="('drafting', 'approval', 'clearance', 'classifiedBy')"/>

  <!-- Block-level elements of TEI documents in general (FRUS and others): rendered as blocks. -->
  <xsl:variable name="te:blocks" as="xs:string*"
                select="('p', 'ab', 'div', 'div1', 'div2', 'div3', 'head', 'opener', 'closer', 'dateline', 'salute', 'signed',
                         'postscript', 'trailer', 'byline', 'docAuthor', 'argument', 'epigraph', 'floatingText', 'figure',
                         'table', 'row', 'lg', 'l', 'sp', 'speaker', 'list', 'item', 'listBibl', 'bibl', 'cit', 'quote',
                         'castList', 'docket', 'frontispiece', 'titlePage', 'label', 'castItem', 'castGroup', 'roleDesc', 'set',
                         'docTitle', 'titlePart', 'docImprint', 'docEdition', 'imprimatur', 'group', 'body', 'front', 'back',
                         'div4', 'div5', 'div6', 'div7', 'listWit', 'witness', 'listApp', 'spGrp', 'move', 'view', 'camera', 'sound',
                         'caption', 'tech', 'u', 'incident', 'kinesic', 'vocal', 'pause', 'writing', 'shift', 'event', 'listEvent',
                         'biblStruct', 'biblFull', 'analytic', 'monogr', 'series', 'address', 'addrLine', 'desc', 'summary')"/>

  <!-- Phrase-level elements: their edges are not word boundaries ("exceed<add>ed</add>"). Any other
       element without a rule of its own is kept apart from its neighbours by a space (te:separate). -->
  <xsl:variable name="te:phrases" as="xs:string*"
                select="('hi', 'emph', 'foreign', 'term', 'gloss', 'mentioned', 'soCalled', 'said', 'q', 'choice', 'sic', 'corr', 'abbr',
                         'expan', 'orig', 'reg', 'am', 'ex', 'unclear', 'supplied', 'damage', 'retrace', 'restore', 'subst', 'mod', 'add',
                         'del', 'seg', 'c', 'g', 'w', 'pc', 'persName', 'placeName', 'orgName', 'name', 'rs', 'roleName', 'forename',
                         'surname', 'addName', 'genName', 'nameLink', 'date', 'time', 'num', 'measure', 'ref', 'title', 'distinct',
                         'secl', 'metamark', 'redo', 'undo', 'settlement', 'country', 'region', 'district', 'bloc', 'geogName', 'geogFeat',
                         'offset', 'lem', 'lang', 'code', 'ident', 'val', 'att', 'gi', 'tag', 'emph', 'caesura', 'rhyme', 'text', 'TEI',
                         'teiCorpus', 'damageSpan', 'addSpan', 'delSpan', 'anchor', 'index', 'ruby', 'rb', 'rt', 'orth', 'pron', 'hyph')"/>
  <xsl:variable name="te:either" as="xs:string*" select="('bibl', 'biblStruct', 'quote', 'cit', 'label', 'desc', 'address', 'byline', 'docAuthor', 'stage')"/>
  <!-- The lists that are registers, and their entries. -->
  <xsl:variable name="te:registers" as="xs:string*" select="('listPerson', 'listPlace', 'listOrg', 'listBibl', 'listEvent', 'listNym', 'listObject', 'listRelation')"/>
  <xsl:variable name="te:entries" as="xs:string*" select="('person', 'personGrp', 'place', 'org', 'event', 'bibl', 'biblStruct', 'biblFull', 'msDesc', 'nym', 'object', 'relation')"/>
  <!-- The parts of a manuscript description shown as its titled sections. -->
  <xsl:variable name="te:ms-sections" as="xs:string*" select="('msContents', 'physDesc', 'history', 'additional', 'msPart', 'msFrag')"/>
  <!-- The parts of a manuscript description whose children are fields (as are an entry's, in a register). -->
  <xsl:variable name="te:ms-field-parents" as="xs:string*" select="('msItem', 'msItemStruct', 'physDesc', 'history', 'additional', 'objectDesc', 'supportDesc', 'adminInfo', 'surrogates', 'msContents')"/>

  <!--
    The table is written as template rules in two modes, one per view: te:diplomatic and
    te:normalized. A rule names the behaviour its elements get by calling the named template of that
    behaviour (te:deletion, te:paragraph, …), which each output defines; `omit` is a rule with no body.
    An output renders a view by applying templates in the view's mode; a behaviour renders the content
    of its element with <xsl:apply-templates mode="#current"/>, so the view goes on. The behaviour of
    an element is thus decided once, by template matching, when the element is rendered.
    Text nodes are copied (on-no-match); comments and processing instructions are dropped.
    Where two rules could match one element, an explicit priority says which wins.
  -->
  <xsl:mode name="te:diplomatic" on-no-match="text-only-copy" use-accumulators="#all"/>
  <xsl:mode name="te:normalized" on-no-match="text-only-copy" use-accumulators="#all"/>

  <xsl:template match="comment() | processing-instruction()" mode="te:diplomatic te:normalized"/>

  <!-- ==================================================== the table -->

  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff" mode="te:diplomatic te:normalized"/>
  <!-- Registers outside the text: the header's participants and setting before the text, standOff's lists
       after it (te:text-root takes them so from a TEI; a corpus member's, here). The edition's own TEI
       (its respStmt tei-edition) keeps its standOff persons to the persons page and "Persons named". -->
  <xsl:template match="tei:teiCorpus/tei:TEI/tei:teiHeader" mode="te:diplomatic te:normalized" priority="1"><xsl:apply-templates select="tei:profileDesc/(tei:particDesc | tei:settingDesc)/tei:*[local-name() = $te:registers]" mode="#current"/></xsl:template>
  <xsl:template match="tei:teiCorpus/tei:TEI/tei:standOff" mode="te:diplomatic te:normalized" priority="1"><xsl:apply-templates select="tei:*[local-name() = $te:registers]" mode="#current"/></xsl:template>

  <!-- The reading text follows the base witness, the first (te:omitted-witness says the same). -->
  <xsl:template match="tei:div[@type = 'witness']" mode="te:diplomatic te:normalized"><xsl:call-template name="te:witness"/></xsl:template>
  <xsl:template match="tei:div[@type = 'witness'][preceding-sibling::tei:div[@type = 'witness']]" mode="te:normalized" priority="0.75"/>

  <!-- The apparatus (apparatus.xsl). Double-end-point attachment: entries in listApp (listed after the
       text, not in it), anchors in the copies; parallel segmentation: app inline, its lemma in the text. -->
  <xsl:template match="tei:listApp" mode="te:diplomatic te:normalized"/>
  <xsl:template match="tei:anchor[@type = ('app-start', 'rdg-start')]" mode="te:diplomatic te:normalized"/>
  <xsl:template match="tei:anchor[@type = ('app-end', 'rdg-end')]" mode="te:diplomatic"><xsl:call-template name="te:variant-end"/></xsl:template>
  <xsl:template match="tei:anchor[@type = 'app-end']" mode="te:normalized"><xsl:call-template name="te:app-ref"/></xsl:template>
  <xsl:template match="tei:anchor[@type = 'rdg-end']" mode="te:normalized"/>
  <xsl:template match="text()[$te:open-apps][accumulator-before('te:open-app') != '']" mode="te:diplomatic"><xsl:call-template name="te:variant-text"/></xsl:template>
  <xsl:template match="tei:app" mode="te:diplomatic te:normalized"><xsl:call-template name="te:app-inline"/></xsl:template>
  <xsl:template match="tei:choice/tei:corr[@source]" mode="te:normalized" priority="0.5"><xsl:call-template name="te:emendation"/></xsl:template>

  <xsl:template match="tei:head[@type = 'transcriber']" mode="te:diplomatic"><xsl:call-template name="te:witness-intro"/></xsl:template>
  <xsl:template match="tei:head[@type = 'transcriber']" mode="te:normalized"/>

  <!-- Every text of a file: a text of a group, a TEI of a corpus, each a titled section (docs/editions.md). -->
  <xsl:template match="tei:group/tei:text | tei:teiCorpus/tei:TEI | tei:teiCorpus/tei:teiCorpus" mode="te:diplomatic te:normalized"><xsl:call-template name="te:section"/></xsl:template>

  <!-- Tables. A head of a table is its caption (the table's behaviour writes it). -->
  <xsl:template match="tei:table" mode="te:diplomatic te:normalized"><xsl:call-template name="te:table"/></xsl:template>
  <xsl:template match="tei:row" mode="te:diplomatic te:normalized"><xsl:call-template name="te:row"/></xsl:template>
  <xsl:template match="tei:cell" mode="te:diplomatic te:normalized"><xsl:call-template name="te:cell"/></xsl:template>

  <!-- Registers (listPerson, listPlace, listOrg, listBibl, …) and their entries, wherever they stand. -->
  <!-- By name (a rule whose pattern names no element is tried on every element): $te:registers, $te:entries. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl | tei:listEvent | tei:listNym | tei:listObject |
                      tei:listRelation"
                mode="te:diplomatic te:normalized" priority="0.1"><xsl:call-template name="te:register"/></xsl:template>
  <xsl:template match="(tei:person | tei:personGrp | tei:place | tei:org | tei:event | tei:bibl | tei:biblStruct |
                       tei:biblFull | tei:msDesc | tei:nym | tei:object | tei:relation)[parent::tei:*[map:contains($te:register-names, local-name())]]"
                mode="te:diplomatic te:normalized" priority="0.15"><xsl:call-template name="te:entry"/></xsl:template>
  <!-- A labelled part of a register entry or of a manuscript description (not a note, a paragraph, a list, …).
       Tried on every element whose best named rule has a lower priority: map look-ups only, no function. -->
  <xsl:template match="tei:*[parent::tei:*[map:contains($te:ms-field-parent-names, local-name())
                                           or map:contains($te:entry-names, local-name()) and parent::tei:*[map:contains($te:register-names, local-name())]]]
                            [not(self::tei:note or self::tei:p or self::tei:ab or self::tei:list or self::tei:head or self::tei:msItem or self::tei:lb or self::tei:pb)]"
                mode="te:diplomatic te:normalized" priority="0.55"><xsl:call-template name="te:field"/></xsl:template>

  <!-- A manuscript description: its identifier, its titled parts, each part's labelled fields. -->
  <xsl:template match="tei:msDesc" mode="te:diplomatic te:normalized" priority="0.65"><xsl:call-template name="te:manuscript"/></xsl:template>
  <xsl:template match="tei:msIdentifier | tei:altIdentifier" mode="te:diplomatic te:normalized" priority="0.65"><xsl:call-template name="te:field"/></xsl:template>
  <!-- By name: $te:ms-sections. -->
  <xsl:template match="(tei:msContents | tei:physDesc | tei:history | tei:additional | tei:msPart | tei:msFrag)[ancestor::tei:msDesc]"
                mode="te:diplomatic te:normalized" priority="0.1"><xsl:call-template name="te:ms-section"/></xsl:template>
  <xsl:template match="tei:msItem | tei:msItemStruct" mode="te:diplomatic te:normalized" priority="0.65"><xsl:call-template name="te:block"/></xsl:template>

  <!-- Lines: of verse (l), of a transcribed page (line) in its zones. -->
  <xsl:template match="tei:l | tei:line" mode="te:diplomatic te:normalized"><xsl:call-template name="te:line"/></xsl:template>
  <xsl:template match="tei:zone | tei:surface | tei:surfaceGrp" mode="te:diplomatic te:normalized"><xsl:call-template name="te:zone"/></xsl:template>
  <xsl:template match="tei:lg" mode="te:diplomatic te:normalized"><xsl:call-template name="te:block"/></xsl:template>

  <!-- Drama: the speaker apart from the speech; stage directions. -->
  <xsl:template match="tei:sp/tei:speaker" mode="te:diplomatic te:normalized"><xsl:call-template name="te:speaker"/></xsl:template>
  <xsl:template match="tei:stage" mode="te:diplomatic te:normalized"><xsl:call-template name="te:stage"/></xsl:template>

  <xsl:template match="tei:head" mode="te:diplomatic te:normalized"><xsl:call-template name="te:heading"/></xsl:template>
  <xsl:template match="tei:list/tei:head" mode="te:diplomatic te:normalized" priority="0.25"><xsl:call-template name="te:list-head"/></xsl:template>

  <xsl:template match="tei:p" mode="te:diplomatic te:normalized"><xsl:call-template name="te:paragraph"/></xsl:template>
  <!-- In the reading view a paragraph continued over a page break is one paragraph. -->
  <!-- Only when the paragraph it continues points back to it (@next): that one renders it. A @prev
       without a matching @next is an ordinary paragraph (nothing is lost). -->
  <xsl:template match="tei:p[@prev][te:continued-here(.)]" mode="te:normalized"/>

  <xsl:template match="tei:ab[@type = 'dateline'] | tei:dateline" mode="te:diplomatic te:normalized"><xsl:call-template name="te:dateline"/></xsl:template>
  <xsl:template match="tei:ab" mode="te:diplomatic te:normalized"><xsl:call-template name="te:block"/></xsl:template>
  <xsl:template match="tei:label[not(parent::tei:list)]" mode="te:diplomatic te:normalized"><xsl:call-template name="te:caption"/></xsl:template>
  <xsl:template match="tei:list" mode="te:diplomatic te:normalized"><xsl:call-template name="te:list"/></xsl:template>
  <xsl:template match="tei:item | tei:list/tei:label" mode="te:diplomatic te:normalized"><xsl:call-template name="te:item"/></xsl:template>
  <xsl:template match="tei:closer" mode="te:diplomatic te:normalized"><xsl:call-template name="te:closer"/></xsl:template>
  <xsl:template match="tei:signed" mode="te:diplomatic te:normalized"><xsl:call-template name="te:signed"/></xsl:template>

  <!-- Notes that are lines of the form; the others are footnotes (te:footnotes says the same). -->
  <xsl:template match="tei:note[@type = $te:admin-notes]" mode="te:diplomatic te:normalized"><xsl:call-template name="te:admin"/></xsl:template>
  <xsl:template match="tei:note" mode="te:diplomatic te:normalized"><xsl:call-template name="te:footnote"/></xsl:template>
  <!-- A note of a register entry or of a manuscript description stays where it is (not numbered). -->
  <xsl:template match="tei:note[te:inline-note(.)]" mode="te:diplomatic te:normalized" priority="0.6"><xsl:call-template name="te:inline-note"/></xsl:template>

  <xsl:template match="tei:pb" mode="te:diplomatic te:normalized"><xsl:call-template name="te:page-break"/></xsl:template>
  <!-- In the reading view, a page break inside a joined paragraph is shown inside it. -->
  <xsl:template match="tei:pb[te:breaks-paragraph(.)]" mode="te:normalized"/>
  <xsl:template match="tei:cb | tei:milestone" mode="te:diplomatic te:normalized"/>

  <xsl:template match="tei:lb" mode="te:diplomatic"><xsl:call-template name="te:line-break"/></xsl:template>
  <xsl:template match="tei:lb" mode="te:normalized"><xsl:call-template name="te:space"/></xsl:template>

  <xsl:template match="tei:fw[@type = 'stamp']" mode="te:diplomatic"><xsl:call-template name="te:stamp"/></xsl:template>
  <xsl:template match="tei:fw" mode="te:diplomatic"><xsl:call-template name="te:furniture"/></xsl:template>
  <xsl:template match="tei:fw" mode="te:normalized"/>
  <xsl:template match="tei:stamp" mode="te:diplomatic"><xsl:call-template name="te:stamp"/></xsl:template>
  <xsl:template match="tei:stamp" mode="te:normalized"/>
  <xsl:template match="tei:fw/tei:stamp" mode="te:diplomatic te:normalized"><xsl:call-template name="te:content"/></xsl:template>

  <xsl:template match="tei:del" mode="te:diplomatic"><xsl:call-template name="te:deletion"/></xsl:template>
  <xsl:template match="tei:del" mode="te:normalized"/>
  <xsl:template match="tei:add" mode="te:diplomatic"><xsl:call-template name="te:insertion"/></xsl:template>
  <xsl:template match="tei:add" mode="te:normalized"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:seg[@type = 'handwritten'] | tei:seg[@type = 'signature']" mode="te:diplomatic"><xsl:call-template name="te:hand"/></xsl:template>
  <xsl:template match="tei:seg[@type = 'handwritten'] | tei:seg[@type = 'signature']" mode="te:normalized"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:seg[@type = 'bracketed']" mode="te:diplomatic"><xsl:call-template name="te:bracketed"/></xsl:template>
  <xsl:template match="tei:seg[@type = 'bracketed']" mode="te:normalized"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:hi[tokenize(@rend, '\s+') = ('bold', 'strong')]" mode="te:diplomatic te:normalized"><xsl:call-template name="te:bold"/></xsl:template>
  <xsl:template match="tei:hi[tokenize(@rend, '\s+') = ('italic', 'italics', 'i')] | tei:emph | tei:title[not(ancestor::tei:teiHeader)] | tei:foreign" mode="te:diplomatic te:normalized"><xsl:call-template name="te:italic"/></xsl:template>

  <xsl:template match="tei:gap[@reason = 'excised']" mode="te:diplomatic te:normalized"><xsl:call-template name="te:excision"/></xsl:template>
  <xsl:template match="tei:gap" mode="te:diplomatic te:normalized"><xsl:call-template name="te:gap"/></xsl:template>

  <xsl:template match="tei:choice" mode="te:diplomatic te:normalized"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:sic | tei:abbr | tei:orig" mode="te:diplomatic te:normalized"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:choice/tei:sic | tei:choice/tei:abbr | tei:choice/tei:orig" mode="te:normalized" priority="0.25"/>
  <xsl:template match="tei:corr | tei:expan | tei:reg" mode="te:diplomatic te:normalized"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:choice/tei:corr | tei:choice/tei:expan | tei:choice/tei:reg" mode="te:diplomatic" priority="0.25"/>

  <!-- Telegraphic quotation marks (QTE, UNQTE): as written on the page, read as the quotation they mark. -->
  <xsl:template match="tei:abbr[@type = 'quote'][not(parent::tei:choice)]" mode="te:diplomatic"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:abbr[@type = 'quote'][not(parent::tei:choice)]" mode="te:normalized"/>

  <!-- Acronyms stay acronyms in the reading text; their expansions are listed with the text. -->
  <xsl:template match="tei:abbr[@type = 'acronym']" mode="te:diplomatic te:normalized"><xsl:call-template name="te:acronym"/></xsl:template>
  <!-- An image in the text (a figure's graphic): shown in the page, its figure's description for alt; the texts keep the figure's words, not the image. The images of a facsimile or sourceDoc are the viewer's (facsimile.xsl). -->
  <xsl:template match="tei:graphic[@url][not(ancestor::tei:facsimile or ancestor::tei:sourceDoc)]" mode="te:diplomatic te:normalized"><xsl:call-template name="te:graphic"/></xsl:template>
  <!-- A term the text points to in a list of terms (gloss/@target, as FRUS encodes it): kept as written, its gloss listed. -->
  <xsl:template match="tei:gloss[@target]" mode="te:diplomatic te:normalized"><xsl:call-template name="te:term"/></xsl:template>
  <xsl:template match="tei:expan[../tei:abbr[@type = 'acronym']]" mode="te:diplomatic te:normalized"/>

  <xsl:template match="tei:q | tei:said" mode="te:diplomatic"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="tei:q | tei:said" mode="te:normalized"><xsl:call-template name="te:quote"/></xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:term | tei:gloss" mode="te:diplomatic te:normalized"><xsl:call-template name="te:name"/></xsl:template>

  <!-- Any other element: a block if TEI makes it one, its content otherwise. Nothing is dropped. -->
  <xsl:template match="*" mode="te:diplomatic te:normalized" priority="-1"><xsl:call-template name="te:separate"/></xsl:template>
  <xsl:template match="tei:*[map:contains($te:phrase-names, local-name())]" mode="te:diplomatic te:normalized" priority="-0.9"><xsl:call-template name="te:content"/></xsl:template>
  <xsl:template match="*[map:contains($te:block-names, local-name())]" mode="te:diplomatic te:normalized" priority="-0.75"><xsl:call-template name="te:block"/></xsl:template>
  <!-- Elements that are blocks between paragraphs but phrases inside one ("see <bibl>…</bibl>"). -->
  <xsl:template match="*[map:contains($te:either-names, local-name())][parent::tei:p or parent::tei:ab or parent::tei:l or parent::tei:line or parent::tei:head
                        or parent::tei:item or parent::tei:cell or parent::tei:hi or parent::tei:seg or parent::tei:q or parent::tei:said
                        or parent::tei:title or parent::tei:label or parent::tei:note[not(tei:p | tei:ab)] or parent::tei:bibl or parent::tei:cit]"
                mode="te:diplomatic te:normalized" priority="-0.7"><xsl:call-template name="te:separate"/></xsl:template>

  <!-- The lists of names above as sets: a rule that names no element is tried on every element (in
       the order of priority), and a look-up in a map costs one test where a list costs one per name. -->
  <xsl:variable name="te:ms-field-parent-names" as="map(xs:string, xs:boolean)" select="map:merge($te:ms-field-parents ! map { .: true() })"/>
  <xsl:variable name="te:entry-names" as="map(xs:string, xs:boolean)" select="map:merge($te:entries ! map { .: true() })"/>
  <xsl:variable name="te:register-names" as="map(xs:string, xs:boolean)" select="map:merge($te:registers ! map { .: true() })"/>
  <xsl:variable name="te:phrase-names" as="map(xs:string, xs:boolean)" select="map:merge($te:phrases ! map { .: true() })"/>
  <xsl:variable name="te:block-names" as="map(xs:string, xs:boolean)" select="map:merge($te:blocks ! map { .: true() })"/>
  <xsl:variable name="te:either-names" as="map(xs:string, xs:boolean)" select="map:merge($te:either ! map { .: true() })"/>

  <!-- Queries on the table. -->

  <!-- Is this witness left out of the view (the reading view follows the first)? -->
  <xsl:function name="te:omitted-witness" as="xs:boolean">
    <xsl:param name="div" as="element()"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="$view != 'diplomatic' and exists($div/preceding-sibling::tei:div[@type = 'witness'])"/>
  </xsl:function>

  <!-- The footnotes of a text in a view, the notes of the witnesses it leaves out aside. -->
  <xsl:function name="te:footnotes" as="element()*">
    <xsl:param name="root" as="node()*"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="te:named('note', $root)[not(@type = $te:admin-notes)][not(te:inline-note(.))][not(ancestor::tei:div[@type = 'witness'][te:omitted-witness(., $view)])]"/>
  </xsl:function>

  <!-- ==================================================== one text for both views -->
  <!-- Can the two views of the text differ? Where they cannot, the page and the texts render the text
       once and show it in both views (html.xsl, text.xsl txt:one-text): half the work of a document.
       They differ where the table above has a rule for one view only (del, add, lb, choice, a second
       witness, …), and where a behaviour asks the view itself: the rule of mode te:view-variant below
       names those (a page break's image is shown in the diplomatic view only, facsimile.xsl facs:page; a
       paragraph the reading view continues, wherever its continuation is, html.xsl htm:paragraph).
       As written, the text is rendered in each view. Compiled (src/render/compile-xslt.ts), the mode
       te:view-variant also matches the pattern of every rule written for one view only, and the text is
       searched for an element it matches: so no rule is ever missed, and a test checks that both write
       the same outputs. -->
  <xsl:mode name="te:view-variant" on-no-match="deep-skip"/>
  <xsl:template match="tei:pb[@facs] | tei:p[@next][exists(te:continuations(.))]" mode="te:view-variant"><xsl:sequence select="true()"/></xsl:template>
  <xsl:variable name="te:views-differ" as="xs:boolean" select="true()"/>
  <!-- The prefix of the ids of the page's text rendered once: a noncharacter, which each view replaces by
       its own prefix (src/render/index.ts). The caller says false() when the document holds it. -->
  <xsl:variable name="te:prefix-mark" as="xs:string" select="'&#xFDD0;'"/>
  <xsl:param name="one-text" as="xs:boolean" select="true()"/>

  <!-- ==================================================== the document, asked once -->
  <!-- The elements the whole document is searched for (headers, witnesses, notes, stamps, acronyms and
       terms, persons named and described, the apparatus, where it was published), found in one pass: a
       key by name. A search of the whole tree (//) costs about as much as copying the tree; the twelve
       this replaces cost a 2 MB bibliography a second. -->
  <xsl:key name="te:named" use="local-name()"
           match="tei:teiHeader | tei:div[@type = 'witness'] | tei:note | tei:fw[@type = 'stamp'] | tei:choice[tei:abbr[@type = 'acronym']] |
                  tei:gloss[@target] | tei:profileDesc | tei:publicationStmt | tei:persName[@ref] | tei:person[@xml:id] | tei:app |
                  tei:anchor[@type = ('app-start', 'rdg-start')]"/>
  <xsl:variable name="te:document" as="document-node()" select="/"/>
  <!-- The elements of these names (the key's) inside $within, as $within//name would give them. -->
  <xsl:function name="te:named" as="element()*">
    <xsl:param name="names" as="xs:string+"/>
    <xsl:param name="within" as="node()*"/>
    <xsl:sequence select="if ($within[1] instance of document-node()) then key('te:named', $names, $te:document)
                          else key('te:named', $names, $te:document)[exists(ancestor::node() intersect $within)]"/>
  </xsl:function>

  <!-- One transform writes every output of a document (edition.xsl): what they all ask of the whole
       document is asked once, here, the first time it is needed. In SaxonJS a search of the whole
       tree (//) costs about as much as copying the tree. -->
  <xsl:variable name="te:text-root" as="node()*" select="te:text-root(/)"/>
  <xsl:variable name="te:witnesses" as="element()*" select="te:named('div', /)"/>
  <xsl:variable name="te:header" as="element()*" select="te:named('teiHeader', /)"/>
  <xsl:variable name="te:title" as="xs:string" select="te:title(/)"/>
  <xsl:variable name="te:date" as="xs:string?" select="te:date(/)"/>
  <!-- The footnotes of the whole text (the diplomatic view shows every witness). -->
  <xsl:variable name="te:notes" as="element()*" select="te:footnotes($te:text-root, 'diplomatic')"/>
  <xsl:variable name="te:acronyms-diplomatic" as="element()*" select="te:acronyms($te:text-root)"/>
  <xsl:variable name="te:acronyms-normalized" as="element()*" select="te:acronyms($te:text-root[not(ancestor-or-self::tei:div[@type = 'witness'][te:omitted-witness(., 'normalized')])])"/>
  <!-- The stamps the reading view gathers: those of the base witness. -->
  <xsl:variable name="te:stamps" as="element()*" select="te:gathered-stamps(($te:witnesses, /)[1])"/>

  <!-- The footnotes of a view (te:footnotes of the text, asked once). -->
  <xsl:function name="te:view-notes" as="element()*">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if ($view = 'diplomatic') then $te:notes else $te:notes[not(ancestor::tei:div[@type = 'witness'][te:omitted-witness(., $view)])]"/>
  </xsl:function>

  <!-- The acronyms of a view, once each, in order of first use. -->
  <xsl:function name="te:view-acronyms" as="element()*">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if ($view = 'diplomatic') then $te:acronyms-diplomatic else $te:acronyms-normalized"/>
  </xsl:function>

  <!-- ==================================================== shared helpers -->

  <!-- The element a local pointer (#id) points to, in the same document. -->
  <xsl:function name="te:target" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="if (starts-with($pointer, '#')) then key('te:id', substring($pointer, 2), root($context)) else ()"/>
  </xsl:function>

  <xsl:key name="te:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- Notes are numbered by an accumulator (xsl:number level="any" is quadratic in SaxonJS). -->
  <xsl:accumulator name="te:footnotes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[not(@type = $te:admin-notes)][not(te:inline-note(.))]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The number a footnote is shown with: its @n, or its position among the notes. -->
  <xsl:function name="te:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@n, string($note/accumulator-after('te:footnotes')))[1]"/>
  </xsl:function>

  <!-- A block-level place: directly in a division, the body, a closer, a list, or outside TEI. -->
  <xsl:function name="te:standalone" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/parent::*[self::tei:div or self::tei:body or self::tei:closer or self::tei:list or self::tei:front or self::tei:back or not(namespace-uri() = 'http://www.tei-c.org/ns/1.0')])"/>
  </xsl:function>

  <!-- FRUS wording of an excision: "[1 paragraph (7 lines of source text) not declassified]". -->
  <xsl:function name="te:excision-text" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="unit" select="string($gap/@unit)"/>
    <xsl:variable name="q" select="string($gap/@quantity)"/>
    <xsl:sequence select="
      if ($gap/@extent) then concat('[', $gap/@extent, ' not declassified]')
      else if ($q != '' and $unit != '') then concat('[', $q, ' ', $unit, if ($q = '1') then '' else 's', ' of source text not declassified]')
      else '[excised]'"/>
  </xsl:function>

  <!-- Wording of other gaps. -->
  <xsl:function name="te:gap-text" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:sequence select="
      if ($gap/@unit = 'signature') then '[illegible signature]'
      else if ($gap/@reason = 'illegible') then '[illegible]'
      else if ($gap/tei:desc) then concat('[', normalize-space($gap/tei:desc), ']')
      else '[…]'"/>
  </xsl:function>

  <!-- The label of a witness, from listWit. -->
  <xsl:function name="te:witness-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="w" select="te:target($div, string($div/@corresp))"/>
    <xsl:sequence select="if ($w) then normalize-space($w) else 'Copy'"/>
  </xsl:function>

  <xsl:function name="te:witness-siglum" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="replace(substring(string($div/@corresp), 2), '^wit-', '')"/>
  </xsl:function>

  <!-- Text of a page break: "[Page 2]". -->
  <xsl:function name="te:page-text" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="if ($pb/@n) then concat('[Page ', $pb/@n, ']') else '[page break]'"/>
  </xsl:function>

  <!-- The paragraphs that continue $p over page breaks (@next, followed; each must point back with
       @prev or be a paragraph: the same test as te:continued-here, so no paragraph is lost or shown twice). -->
  <xsl:function name="te:continuations" as="element()*">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="next" select="te:target($p, string($p/@next))[self::tei:p][@prev][te:continued-here(.)]"/>
    <xsl:sequence select="if ($next) then ($next, te:continuations($next)) else ()"/>
  </xsl:function>

  <!-- Is this paragraph rendered by the paragraph before it (that one's @next points here, and it
       comes first)? Asked once per paragraph with @prev: a key of @next pointers. -->
  <xsl:key name="te:next" match="tei:p[@next]" use="substring(@next, 2)"/>
  <xsl:function name="te:continued-here" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="exists($p/@xml:id) and exists(key('te:next', string($p/@xml:id), root($p))[. &lt;&lt; $p])"/>
  </xsl:function>

  <!-- Does this page break fall between a paragraph and its continuation? -->
  <xsl:function name="te:breaks-paragraph" as="xs:boolean">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="before" select="$pb/preceding-sibling::tei:p[1]"/>
    <xsl:variable name="target" select="$before[@next] ! te:target(., string(@next))"/>
    <xsl:sequence select="exists($target[self::tei:p][@prev][. >> $pb][te:continued-here(.)])"/>
  </xsl:function>

  <!-- The page breaks between a paragraph and its continuation: the siblings of $p up to it, and no
       further (each sibling is visited once per link of a chain: linear in the chain's length). -->
  <xsl:function name="te:breaks-between" as="element()*">
    <xsl:param name="p" as="element()"/>
    <xsl:param name="continuation" as="element()"/>
    <xsl:variable name="from" select="(key('te:next', string($continuation/@xml:id), root($p))[. &lt;&lt; $continuation], $p)[1]"/>
    <xsl:iterate select="$from/following-sibling::*">
      <xsl:choose>
        <xsl:when test=". &lt;&lt; $continuation"><xsl:sequence select=".[self::tei:pb]"/></xsl:when>
        <xsl:otherwise><xsl:break/></xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- Stamps the reading view gathers after the text (they are out of its running text). -->
  <xsl:function name="te:gathered-stamps" as="element()*">
    <xsl:param name="witness" as="node()"/>
    <xsl:sequence select="te:named('fw', $witness)"/>
  </xsl:function>

  <!-- The acronyms (choice) and glossed terms (gloss/@target) of a text, once each, in order of first use. -->
  <xsl:function name="te:acronyms" as="element()*">
    <xsl:param name="root" as="node()*"/>
    <xsl:for-each-group select="te:named(('choice', 'gloss'), $root)" group-by="te:abbr-form(.)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- An acronym's or term's form as written, and its expansion or gloss (a term's from the list its @target points into). -->
  <xsl:function name="te:abbr-form" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="normalize-space(if ($e/self::tei:choice) then $e/tei:abbr else $e)"/>
  </xsl:function>
  <xsl:function name="te:abbr-meaning" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="normalize-space(if ($e/self::tei:choice) then $e/tei:expan else (te:target($e, string($e/@target))/(parent::tei:label/following-sibling::tei:item[1]/tei:gloss, following-sibling::tei:gloss[1]))[1])"/>
  </xsl:function>

  <!-- What the document is called: its main title (type="main"; a title of the analytic level, a
       letter's "level a"), else the first title that is neither a series title nor a subtitle, else the
       first title of the titleStmt (never seriesStmt's); then a title in the text, a manuscript's
       shelfmark, the root's shelfmark or id (a transcribed page's surface). -->
  <xsl:function name="te:title" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="header" select="($root/descendant-or-self::tei:teiHeader)[1]"/>
    <xsl:variable name="titles" select="$header/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:variable name="t" select="($titles[@type = 'main'], $titles[@level = 'a'][not(@type)], $titles[not(@type) and not(@level = ('s', 'j'))],
                                    $titles[not(@level = ('s', 'j')) and not(@type = ('sub', 'subtitle', 'series', 'alt', 'short', 'desc', 'iso-date', 'parallel'))],
                                    $titles[not(@level = ('s', 'j'))], $titles)[1]"/>
    <xsl:variable name="ms" select="($header/tei:fileDesc/tei:sourceDesc/tei:msDesc/tei:msIdentifier)[1]"/>
    <xsl:variable name="root-el" select="$root/descendant-or-self::*[1]"/>
    <!-- The fallbacks are asked only when there is no title (the first searches the whole text). -->
    <xsl:sequence select="if ($t) then normalize-space($t) else (
      ($root//tei:text//tei:head)[1] ! normalize-space(.),
      $ms ! normalize-space(string-join((tei:settlement, tei:repository, tei:collection, tei:idno)[normalize-space()] ! normalize-space(.), ', ')),
      string-join($root-el/@*[local-name() = ('shelfmark', 'folio')] ! string(.), ', ')[. != ''],
      $root-el/@xml:id ! string(.),
      'Untitled')[. != ''][1]"/>
  </xsl:function>

  <xsl:function name="te:date" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="(te:named('profileDesc', $root)/tei:creation/tei:date)[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- What holds the text of a document: every text of a TEI (each text holds its group's texts) and its
       transcription of the source's pages (sourceDoc),
       every member of a teiCorpus (each a titled section), or the root of a TEI fragment (a
       transcribed page's surface, a FRUS excerpt). The witnesses of our own documents are in its one body. -->
  <xsl:function name="te:text-root" as="node()*">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="top" select="$root/*"/>
    <xsl:sequence select="if ($top/self::tei:teiCorpus) then $top/(tei:TEI | tei:teiCorpus)
                          else if ($top/self::tei:TEI) then ($top/tei:teiHeader/tei:profileDesc/(tei:particDesc | tei:settingDesc)/tei:*[local-name() = $te:registers],
                                                             $top/(tei:sourceDoc | tei:text),
                                                             $top[not(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt/@xml:id = 'tei-edition')]/tei:standOff/tei:*[local-name() = $te:registers])
                          else $top"/>
  </xsl:function>

  <!-- The labels of fields, by element name (te:field-label). -->
  <xsl:variable name="te:field-labels" as="map(xs:string, xs:string)" select="map {
    'birth': 'born', 'death': 'died', 'floruit': 'active', 'geo': 'coordinates', 'idno': 'identifier', 'msIdentifier': 'shelfmark',
    'altIdentifier': 'other shelfmark', 'msName': 'name', 'origDate': 'date', 'origPlace': 'place', 'textLang': 'language',
    'locus': 'folios', 'objectDesc': 'object', 'supportDesc': 'support', 'layoutDesc': 'layout', 'handDesc': 'hands',
    'decoDesc': 'decoration', 'bindingDesc': 'binding', 'sealDesc': 'seals', 'accMat': 'accompanying material',
    'additions': 'additions', 'musicNotation': 'music notation', 'scriptDesc': 'script', 'typeDesc': 'type',
    'origin': 'origin', 'provenance': 'provenance', 'acquisition': 'acquisition', 'adminInfo': 'administrative information',
    'surrogates': 'surrogates', 'listBibl': 'bibliography', 'recordHist': 'record history', 'custodialHist': 'custodial history',
    'summary': 'summary', 'author': 'author', 'editor': 'editor', 'respStmt': 'responsibility', 'incipit': 'incipit',
    'explicit': 'explicit', 'rubric': 'rubric', 'finalRubric': 'final rubric', 'colophon': 'colophon', 'filiation': 'filiation',
    'sex': 'sex', 'occupation': 'occupation', 'residence': 'residence', 'affiliation': 'affiliation', 'location': 'location',
    'country': 'country', 'settlement': 'settlement', 'region': 'region', 'event': 'event', 'state': 'state', 'trait': 'trait',
    'msContents': 'contents', 'physDesc': 'physical description', 'history': 'history', 'additional': 'additional information',
    'msPart': 'part', 'msFrag': 'fragment', 'bibl': 'work', 'locusGrp': 'folios'
  }"/>

  <!-- The label of a field ('' for an entry's own name: the first name of a person, place, organisation). -->
  <xsl:function name="te:field-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="n" select="local-name($e)"/>

    <xsl:variable name="entry" select="$e/parent::*[map:contains($te:entry-names, local-name())]"/>
    <!-- Each part asked only when the ones before it give no answer (the entry's own name is a search of its children). -->
    <xsl:sequence select="if ($entry/self::tei:bibl or $entry/self::tei:biblStruct or $entry/self::tei:biblFull) then ''
                          else if ($entry and $e is ($entry/(tei:persName | tei:placeName | tei:orgName | tei:name | tei:title | tei:label | tei:head))[1]) then ''
                          else if ($n = 'idno' and $e/@type[not(. = 'main')]) then string($e/@type)
                          else ($te:field-labels($n), lower-case(replace($n, '([a-z])([A-Z])', '$1 $2')))[1]"/>
  </xsl:function>

  <!-- What kind of list: the fields of our forms (type field, participants: "TO: …"), a gloss list
       (labels and items), an ordered list, or a simple one. -->
  <xsl:function name="te:list-kind" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="if ($list/@type = ('field', 'participants')) then 'field'
                          else if ($list/@type = 'gloss' or $list/tei:label) then 'gloss'
                          else if ($list/@type = ('ordered', 'numbered', 'decimal', 'enumerated') or tokenize($list/@rend, '\s+') = ('numbered', 'ordered', 'decimal', 'alpha', 'roman')) then 'ordered'
                          else 'simple'"/>
  </xsl:function>

  <!-- Does a paragraph hold blocks (lists, tables, verse …)? Then HTML's p cannot hold it. -->
  <xsl:variable name="te:block-holders" as="xs:string*" select="('list', 'table', 'lg', 'l', 'line', 'zone', 'sp', 'figure', 'floatingText', 'p', 'ab', 'msDesc', 'castList', 'div', 'stage', 'speaker', $te:registers)"/>
  <xsl:variable name="te:block-holder-names" as="map(xs:string, xs:boolean)" select="map:merge($te:block-holders ! map { .: true() })"/>
  <xsl:function name="te:holds-blocks" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="exists($p/descendant::tei:*[map:contains($te:block-holder-names, local-name())][not(ancestor::tei:note)][1])"/>
  </xsl:function>

  <!-- The heading of a register without a head of its own. -->
  <xsl:function name="te:register-title" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="map { 'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations', 'listBibl': 'Bibliography',
                                'listEvent': 'Events', 'listNym': 'Names', 'listObject': 'Objects', 'listRelation': 'Relations' }(local-name($list))"/>
  </xsl:function>

  <!-- A note kept in place: in a register entry or a manuscript description. -->
  <xsl:function name="te:inline-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note/ancestor::tei:*[map:contains($te:register-names, local-name()) or self::tei:msDesc])"/>
  </xsl:function>

  <!-- Has the document no text at all (a manuscript description's record: its msDesc is its content)? -->
  <!-- Asked text by text until the first with words (a search of every text node, in document order,
       cost as much as a view of the page). -->
  <xsl:variable name="te:text-empty" as="xs:boolean">
    <xsl:iterate select="$te:text-root">
      <xsl:on-completion select="true()"/>
      <xsl:variable name="words" as="xs:boolean">
        <xsl:iterate select="descendant::text()">
          <xsl:on-completion select="false()"/>
          <xsl:if test="normalize-space() and not(ancestor::tei:teiHeader)"><xsl:break select="true()"/></xsl:if>
        </xsl:iterate>
      </xsl:variable>
      <xsl:if test="$words"><xsl:break select="false()"/></xsl:if>
    </xsl:iterate>
  </xsl:variable>

  <!-- The heading of a section of several texts: a corpus member's title, a text's own title page. -->
  <xsl:function name="te:section-title" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/self::tei:TEI or $e/self::tei:teiCorpus) then te:title($e)
                          else ($e/tei:front/tei:titlePage/tei:docTitle, $e/tei:front/tei:head)[1] ! normalize-space(.)[. != '']"/>
  </xsl:function>
</xsl:stylesheet>
