<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: the processing model.

  One table, written once: for each TEI element and each edition view (diplomatic, normalized), the
  behaviour it gets. The outputs (html.xsl, text.xsl) import this module and implement each
  behaviour once for their format; they never decide per element what a view shows.

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
    apparatus     the variants and excisions of a collation, listed
    app-start, app-end   where a reading of the apparatus starts and ends in the base text
    name          a name (persName, placeName, orgName, name, term)
    acronym       an abbreviation kept as written, its expansion listed with the text
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:te="urn:tei-edition:xslt"
                exclude-result-prefixes="#all">

  <!-- Note types that are lines of the form, not annotations. -->
  <xsl:variable name="te:admin-notes" as="xs:string*" select="('drafting', 'approval', 'clearance', 'classifiedBy')"/>

  <!-- Block-level elements of TEI documents in general (FRUS and others): rendered as blocks. -->
  <xsl:variable name="te:blocks" as="xs:string*"
                select="('p', 'ab', 'div', 'div1', 'div2', 'div3', 'head', 'opener', 'closer', 'dateline', 'salute', 'signed',
                         'postscript', 'trailer', 'byline', 'docAuthor', 'argument', 'epigraph', 'floatingText', 'figure',
                         'table', 'row', 'lg', 'l', 'sp', 'speaker', 'list', 'item', 'listBibl', 'bibl', 'cit', 'quote',
                         'castList', 'docket', 'frontispiece', 'titlePage', 'label')"/>

  <!-- The behaviour of element $e in view $view. -->
  <xsl:function name="te:behaviour" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:apply-templates select="$e" mode="te:behaviour">
      <xsl:with-param name="view" select="$view"/>
    </xsl:apply-templates>
  </xsl:function>

  <xsl:function name="te:is-diplomatic" as="xs:boolean">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="$view = 'diplomatic'"/>
  </xsl:function>

  <!-- ==================================================== the table -->

  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff" mode="te:behaviour" as="xs:string">omit</xsl:template>

  <xsl:template match="tei:div[@type = 'witness']" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <!-- The reading text follows the base witness, the first. -->
    <xsl:sequence select="if (te:is-diplomatic($view) or empty(preceding-sibling::tei:div[@type = 'witness'])) then 'witness' else 'omit'"/>
  </xsl:template>

  <!-- A collation (parallel segmentation): in the reading view its apparatus after the text. -->
  <xsl:template match="tei:div[@type = 'collation']" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'omit' else 'apparatus'"/>
  </xsl:template>

  <!-- Where a reading of the apparatus starts and ends in the base text: marked in the reading view. -->
  <xsl:template match="tei:anchor[@type = ('app-start', 'app-end')]" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'omit' else @type"/>
  </xsl:template>

  <xsl:template match="tei:head[@type = 'transcriber']" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'witness-intro' else 'omit'"/>
  </xsl:template>

  <xsl:template match="tei:head" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (parent::tei:list) then 'list-head' else 'heading'"/>
  </xsl:template>

  <xsl:template match="tei:p" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <!-- In the reading view a paragraph continued over a page break is one paragraph. -->
    <xsl:sequence select="if (not(te:is-diplomatic($view)) and @prev and te:target(., @prev)[self::tei:p]) then 'omit' else 'paragraph'"/>
  </xsl:template>

  <xsl:template match="tei:ab[@type = 'dateline'] | tei:dateline" mode="te:behaviour" as="xs:string">dateline</xsl:template>
  <xsl:template match="tei:ab" mode="te:behaviour" as="xs:string">block</xsl:template>
  <xsl:template match="tei:label[not(parent::tei:list)]" mode="te:behaviour" as="xs:string">caption</xsl:template>
  <xsl:template match="tei:list" mode="te:behaviour" as="xs:string">list</xsl:template>
  <xsl:template match="tei:item" mode="te:behaviour" as="xs:string">item</xsl:template>
  <xsl:template match="tei:closer" mode="te:behaviour" as="xs:string">closer</xsl:template>
  <xsl:template match="tei:signed" mode="te:behaviour" as="xs:string">signed</xsl:template>

  <xsl:template match="tei:note[@type = $te:admin-notes]" mode="te:behaviour" as="xs:string">admin</xsl:template>
  <xsl:template match="tei:note" mode="te:behaviour" as="xs:string">footnote</xsl:template>

  <xsl:template match="tei:pb" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <!-- In the reading view, a page break inside a joined paragraph is shown inside it. -->
    <xsl:sequence select="if (not(te:is-diplomatic($view)) and te:breaks-paragraph(.)) then 'omit' else 'page-break'"/>
  </xsl:template>
  <xsl:template match="tei:cb | tei:milestone" mode="te:behaviour" as="xs:string">omit</xsl:template>

  <xsl:template match="tei:lb" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'line-break' else 'space'"/>
  </xsl:template>

  <xsl:template match="tei:fw[@type = 'stamp']" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'stamp' else 'omit'"/>
  </xsl:template>
  <xsl:template match="tei:fw" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'furniture' else 'omit'"/>
  </xsl:template>
  <xsl:template match="tei:stamp" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (parent::tei:fw) then 'content' else if (te:is-diplomatic($view)) then 'stamp' else 'omit'"/>
  </xsl:template>

  <xsl:template match="tei:del" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'deletion' else 'omit'"/>
  </xsl:template>
  <xsl:template match="tei:add" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'insertion' else 'content'"/>
  </xsl:template>
  <xsl:template match="tei:seg[@type = 'handwritten'] | tei:seg[@type = 'signature']" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'hand' else 'content'"/>
  </xsl:template>
  <xsl:template match="tei:seg[@type = 'bracketed']" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'bracketed' else 'content'"/>
  </xsl:template>
  <xsl:template match="tei:hi[tokenize(@rend, '\s+') = ('bold', 'strong')]" mode="te:behaviour" as="xs:string">bold</xsl:template>
  <xsl:template match="tei:hi[tokenize(@rend, '\s+') = ('italic', 'italics', 'i')] | tei:emph | tei:title[not(ancestor::tei:teiHeader)] | tei:foreign" mode="te:behaviour" as="xs:string">italic</xsl:template>

  <xsl:template match="tei:gap[@reason = 'excised']" mode="te:behaviour" as="xs:string">excision</xsl:template>
  <xsl:template match="tei:gap" mode="te:behaviour" as="xs:string">gap</xsl:template>

  <xsl:template match="tei:choice" mode="te:behaviour" as="xs:string">content</xsl:template>
  <xsl:template match="tei:sic | tei:abbr | tei:orig" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (not(parent::tei:choice) or te:is-diplomatic($view)) then 'content' else 'omit'"/>
  </xsl:template>
  <xsl:template match="tei:corr | tei:expan | tei:reg" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (not(parent::tei:choice) or not(te:is-diplomatic($view))) then 'content' else 'omit'"/>
  </xsl:template>

  <!-- Telegraphic quotation marks (QTE, UNQTE): as written on the page, read as the quotation they mark. -->
  <xsl:template match="tei:abbr[@type = 'quote'][not(parent::tei:choice)]" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'content' else 'omit'"/>
  </xsl:template>

  <!-- Acronyms stay acronyms in the reading text; their expansions are listed with the text. -->
  <xsl:template match="tei:abbr[@type = 'acronym']" mode="te:behaviour" as="xs:string">acronym</xsl:template>
  <xsl:template match="tei:expan[../tei:abbr[@type = 'acronym']]" mode="te:behaviour" as="xs:string">omit</xsl:template>

  <xsl:template match="tei:q | tei:said" mode="te:behaviour" as="xs:string">
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if (te:is-diplomatic($view)) then 'content' else 'quote'"/>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:term | tei:gloss" mode="te:behaviour" as="xs:string">name</xsl:template>

  <!-- Any other element: a block if TEI makes it one, its content otherwise. Nothing is dropped. -->
  <xsl:template match="*" mode="te:behaviour" as="xs:string">
    <xsl:sequence select="if (local-name() = $te:blocks) then 'block' else 'content'"/>
  </xsl:template>

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
    <xsl:accumulator-rule match="tei:note[not(@type = $te:admin-notes)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The number a footnote is shown with: its @n, or its position among the notes. -->
  <xsl:function name="te:note-number" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="($note/@n, string($note/accumulator-after('te:footnotes')))[1]"/>
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

  <!-- The paragraphs that continue $p over page breaks (@next, followed). -->
  <xsl:function name="te:continuations" as="element()*">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="next" select="te:target($p, string($p/@next))[self::tei:p]"/>
    <xsl:sequence select="if ($next) then ($next, te:continuations($next)) else ()"/>
  </xsl:function>

  <!-- Does this page break fall between a paragraph and its continuation? -->
  <xsl:function name="te:breaks-paragraph" as="xs:boolean">
    <xsl:param name="pb" as="element()"/>
    <xsl:variable name="before" select="$pb/preceding-sibling::tei:p[1]"/>
    <xsl:sequence select="exists($before[@next]) and exists(te:target($before, string($before/@next))[. >> $pb])"/>
  </xsl:function>

  <!-- The page breaks between a paragraph and its continuation. -->
  <xsl:function name="te:breaks-between" as="element()*">
    <xsl:param name="p" as="element()"/>
    <xsl:param name="continuation" as="element()"/>
    <xsl:sequence select="$p/following-sibling::tei:pb[. &lt;&lt; $continuation]"/>
  </xsl:function>

  <!-- Stamps the reading view gathers after the text (they are out of its running text). -->
  <xsl:function name="te:gathered-stamps" as="element()*">
    <xsl:param name="witness" as="node()"/>
    <xsl:sequence select="$witness//tei:fw[@type = 'stamp']"/>
  </xsl:function>

  <!-- The acronyms of a text and their expansions, once each, in order of first use. -->
  <xsl:function name="te:acronyms" as="element()*">
    <xsl:param name="root" as="node()*"/>
    <xsl:for-each-group select="$root//tei:choice[tei:abbr[@type = 'acronym']]" group-by="normalize-space(tei:abbr)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The entries of an apparatus worth a reader's attention (case and punctuation aside). -->
  <xsl:function name="te:apparatus-entries" as="element()*">
    <xsl:param name="collation" as="element()"/>
    <xsl:sequence select="$collation//tei:app[not(@type = 'form')]"/>
  </xsl:function>

  <!-- The excisions of all collations of a document: what was withheld in which copy. -->
  <xsl:function name="te:excisions" as="element()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="$root//tei:div[@type = 'collation']//tei:app[@type = 'excision']"/>
  </xsl:function>

  <!-- The text of a reading as the copy has it (sic, not corr; gaps as worded for readers). -->
  <xsl:function name="te:reading-text" as="xs:string">
    <xsl:param name="r" as="element()?"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$r/descendant::node()[self::text() and not(ancestor::tei:corr)] | $r//tei:gap[not(@resp)]">
        <xsl:sequence select="if (self::tei:gap) then '[]' else string(.)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts))"/>
  </xsl:function>

  <!-- A short account of an app for a mark in the text: "excised in B (5 words)", "B: GDE". -->
  <xsl:function name="te:app-summary" as="xs:string">
    <xsl:param name="app" as="element()?"/>
    <xsl:variable name="siglum" select="replace(substring-after($app/tei:rdg/@wit, '#'), '^wit-', '')"/>
    <xsl:sequence select="if ($app/@type = 'excision') then concat('excised in ', $siglum, ' (', te:excised-words($app), ' words)')
                          else concat($siglum, ': ', if (te:reading-text($app/tei:rdg) = '') then 'om.' else te:reading-text($app/tei:rdg))"/>
  </xsl:function>

  <!-- Words excised, as the gap records them. -->
  <xsl:function name="te:excised-words" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="string(($app//tei:gap[@reason = 'excised']/@quantity)[1])"/>
  </xsl:function>

  <!-- What the document is called, and when it was written. -->
  <xsl:function name="te:title" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="t" select="($root//tei:teiHeader//tei:titleStmt/tei:title[@type = 'main'], $root//tei:teiHeader//tei:titleStmt/tei:title, $root//tei:head)[1]"/>
    <xsl:sequence select="if ($t) then normalize-space($t) else 'Untitled'"/>
  </xsl:function>

  <xsl:function name="te:date" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="($root//tei:profileDesc/tei:creation/tei:date)[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- The witnesses, or whatever holds the text of a TEI document not written by us. -->
  <xsl:function name="te:text-root" as="node()*">
    <xsl:param name="root" as="node()"/>
    <xsl:sequence select="if ($root//tei:text/tei:body) then ($root//tei:text)[1]/(tei:front, tei:body, tei:back) else $root/*"/>
  </xsl:function>
</xsl:stylesheet>
