<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: the edition site's own pages (the table of documents, the persons register, the
  abbreviations, the editorial interventions, the search page, the conventions, the deposit note)
  and sitemap.xml, in the page shell of the document pages (shell.xsl). Compiled to
  dist/xslt/site.sef.json; src/site/index.ts runs it once per build from its initial template with
  the site's data as JSON (parameter $site: what the records of the documents and the registers
  say, sorted and grouped already). Each page is a result document named by its file.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:htm="urn:tei-edition:xslt:html"
                xmlns:site="urn:tei-edition:xslt:site"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="#all">

  <xsl:include href="shell.xsl"/>

  <xsl:output name="site:page" method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>
  <xsl:output name="site:sitemap" method="xml" encoding="UTF-8" indent="yes"/>

  <!--
    The site's data (src/site/index.ts siteData): a JavaScript object, which SaxonJS passes as a map (its
    arrays as sequences). Not JSON text: SaxonJS's parse-json took seconds for a large edition's data.
  -->
  <xsl:param name="site" as="map(*)" required="yes"/>
  <xsl:variable name="data" as="map(*)" select="$site"/>
  <!-- The files to write (the others' data is not given: src/site/index.ts writes only what changed). -->
  <xsl:param name="pages" as="xs:string*" select="$htm:pages?file, 'package-note.html', 'sitemap.xml'"/>
  <xsl:variable name="edition" as="map(*)" select="$data?edition"/>
  <!-- Where the edition is published, with a final slash; none if the edition does not say. -->
  <xsl:variable name="base" as="xs:string?" select="$edition?url ! (if (ends-with(., '/')) then . else . || '/')"/>

  <xsl:template name="xsl:initial-template">
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="title" select="$edition?title"/>
      <xsl:with-param name="type" select="'Collection'"/>
      <xsl:with-param name="scripts" select="'site.js'"/>
      <xsl:with-param name="content" as="node()*"><xsl:call-template name="site:index"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'persons.html'"/>
      <xsl:with-param name="title" select="'Persons'"/>
      <xsl:with-param name="type" select="'CollectionPage'"/>
      <xsl:with-param name="content" as="node()*"><xsl:call-template name="site:persons"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'abbreviations.html'"/>
      <xsl:with-param name="title" select="'Abbreviations'"/>
      <xsl:with-param name="content" as="node()*"><xsl:call-template name="site:abbreviations"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'interventions.html'"/>
      <xsl:with-param name="title" select="'Editorial interventions'"/>
      <xsl:with-param name="content" as="node()*"><xsl:call-template name="site:interventions"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'conventions.html'"/>
      <xsl:with-param name="title" select="'Transcription conventions'"/>
      <xsl:with-param name="content" as="node()*"><xsl:call-template name="site:conventions"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="type" select="'SearchResultsPage'"/>
      <xsl:with-param name="scripts" select="$data?search?scripts"/>
      <xsl:with-param name="content" as="node()*"><xsl:call-template name="site:search"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="site:page">
      <xsl:with-param name="file" select="'package-note.html'"/>
      <xsl:with-param name="title" select="'The deposit package'"/>
      <xsl:with-param name="content" as="node()*">
        <p>The edition is also available as a BagIt bag (RFC 8493) for deposit in a digital library: <code>tei-edition package</code> writes it with the TEI files, the registers, a corpus file listing the documents, the rendered editions and a README with provenance and checksums. The bag describes itself: Dublin Core fields in its <code>bag-info.txt</code>, and RO-Crate metadata (<code>ro-crate-metadata.json</code>) listing every file. Rebuilding from the same sources gives the same bytes.</p>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="exists($base) and 'sitemap.xml' = $pages">
      <xsl:result-document href="sitemap.xml" format="site:sitemap">
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <xsl:for-each select="$htm:pages?file, $data?documents ! site:doc-path(.)">
            <url><loc><xsl:value-of select="$base || ."/></loc></url>
          </xsl:for-each>
        </urlset>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>

  <!-- A site page: its file, in the shell, with its heading and its JSON-LD. -->
  <xsl:template name="site:page">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="type" as="xs:string" select="'WebPage'"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:if test="$file = $pages">
    <xsl:result-document href="{$file}" format="site:page">
      <xsl:call-template name="htm:shell">
        <xsl:with-param name="lang" select="string($edition?language)"/>
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="edition-title" select="$edition?fullTitle"/>
        <xsl:with-param name="current" select="$file"/>
        <xsl:with-param name="page-class" select="'site-page'"/>
        <xsl:with-param name="head" as="node()*">
          <xsl:sequence select="$base ! site:link('canonical', . || $file)"/>
          <xsl:sequence select="htm:json-ld(site:json-ld($file, $title, $type))"/>
        </xsl:with-param>
        <xsl:with-param name="rights" select="$edition?rights"/>
        <xsl:with-param name="scripts" select="$scripts"/>
        <xsl:with-param name="content" as="node()*">
          <main id="main">
            <h1><xsl:value-of select="$title"/></h1>
            <xsl:sequence select="$content"/>
          </main>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
    </xsl:if>
  </xsl:template>

  <xsl:function name="site:link" as="element()">
    <xsl:param name="rel" as="xs:string"/>
    <xsl:param name="href" as="xs:string"/>
    <link rel="{$rel}" href="{$href}"/>
  </xsl:function>

  <!-- A document's page, from the site's root. -->
  <xsl:function name="site:doc-path" as="xs:string">
    <xsl:param name="d" as="map(*)"/>
    <xsl:sequence select="'html/' || encode-for-uri($d?name) || '.html'"/>
  </xsl:function>

  <!-- A place in a document: its page in a view, at a paragraph. -->
  <xsl:function name="site:doc-link" as="xs:string">
    <xsl:param name="doc" as="xs:string"/>
    <xsl:param name="anchor" as="xs:string?"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="'html/' || encode-for-uri($doc) || '.html#view=' || $view || ($anchor[. != ''] ! ('&amp;at=' || encode-for-uri(.)))"/>
  </xsl:function>

  <!-- The edition as schema.org has it (the title page's main entity; the other pages are part of it). -->
  <xsl:function name="site:edition-ld" as="xs:string*">
    <xsl:sequence select="(
      htm:member('@type', htm:json('Collection')),
      htm:member('name', htm:json($edition?title)),
      $edition?subtitle ! htm:member('alternativeHeadline', htm:json(.)),
      $base ! htm:member('url', htm:json(.)),
      htm:member('identifier', htm:json($edition?id)),
      htm:member('inLanguage', htm:json($edition?language)),
      if (exists($edition?editors)) then htm:member('editor', '[' || string-join($edition?editors ! htm:json-object((htm:member('@type', htm:json('Person')), htm:member('name', htm:json(.)))), ',') || ']') else (),
      htm:member('publisher', htm:json-object((htm:member('@type', htm:json('Organization')), htm:member('name', htm:json($edition?publisher))))),
      $edition?date ! htm:member('datePublished', htm:json(.)),
      if (exists($edition?licences)) then htm:member('license', '[' || string-join($edition?licences ! htm:json(.), ',') || ']') else ()
    )"/>
  </xsl:function>

  <!-- The JSON-LD of a site page: the edition on its title page (with its documents), else a page of it. -->
  <xsl:function name="site:json-ld" as="xs:string*">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$file = 'index.html'">
        <xsl:sequence select="site:edition-ld(), htm:member('hasPart', '[' || string-join(
          for $d in $data?documents return htm:json-object((
            htm:member('@type', htm:json('ArchiveComponent')),
            htm:member('name', htm:json($d?title)),
            htm:member('identifier', htm:json($d?name)),
            $d?date ! htm:member('dateCreated', htm:json(.)),
            $base ! htm:member('url', htm:json(. || site:doc-path($d))))), ',') || ']')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="(
          htm:member('@type', htm:json($type)),
          htm:member('name', htm:json($title)),
          $base ! htm:member('url', htm:json(. || $file)),
          htm:member('inLanguage', htm:json($edition?language)),
          htm:member('isPartOf', htm:json-object(site:edition-ld())),
          if ($file = 'persons.html') then htm:member('about', '[' || string-join($data?persons ! htm:json-object((
            htm:member('@type', htm:json('Person')),
            htm:member('name', htm:json(?name)),
            ?role ! htm:member('description', htm:json(.)),
            let $same := (?wikidata ! ('https://www.wikidata.org/wiki/' || .), ?viaf ! ('https://viaf.org/viaf/' || .))
            return if (exists($same)) then htm:member('sameAs', '[' || string-join($same ! htm:json(.), ',') || ']') else () )), ',') || ']') else ()
        )"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The title page: the edition, the table of documents, how to cite. -->
  <xsl:template name="site:index">
    <xsl:for-each select="$edition?subtitle"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
    <p>Edited by <xsl:value-of select="if (exists($edition?editors)) then string-join($edition?editors, ', ') else 'the editors'"/>. Published by <xsl:value-of select="$edition?publisher"/><xsl:value-of select="$edition?date ! (', ' || .)"/>.</p>
    <p>Each document page shows a <strong>diplomatic transcription</strong> (what the page shows: deletions struck, insertions raised, stamps and markings) and a <strong>reading text</strong> (corrected, abbreviations expanded, notes numbered); a switch on the page changes the view.</p>
    <div class="table-scroll" role="region" aria-label="The documents of the edition (scrolls sideways)" tabindex="0">
      <table class="documents">
        <caption>The documents of the edition</caption>
        <thead><tr><th scope="col" aria-sort="ascending"><button type="button" class="sort" data-sort="date">Date</button></th><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Classification</th><th scope="col">Copies</th><th scope="col">Downloads</th></tr></thead>
        <tbody>
          <xsl:for-each select="$data?documents">
            <tr data-date="{?date}">
              <xsl:if test="?invalid"><xsl:attribute name="class" select="'invalid'"/></xsl:if>
              <td>
                <xsl:choose>
                  <xsl:when test="exists(?date)"><time datetime="{?date}"><xsl:value-of select="?dateText"/></time></xsl:when>
                  <xsl:otherwise>undated</xsl:otherwise>
                </xsl:choose>
              </td>
              <td>
                <a href="{site:doc-path(.)}"><xsl:value-of select="?title"/></a>
                <xsl:if test="?invalid"><xsl:text> </xsl:text><strong class="invalid">(not valid: see the build report)</strong></xsl:if>
              </td>
              <td><xsl:value-of select="?type"/></td>
              <td><xsl:value-of select="?classification"/></td>
              <td><xsl:value-of select="if (?copies gt 1) then ?copies || ' copies' else '1 copy'"/></td>
              <td><a href="tei/{encode-for-uri(?name)}.xml">TEI</a> · <a href="text/{encode-for-uri(?name)}.diplomatic.txt">diplomatic text</a> · <a href="text/{encode-for-uri(?name)}.normalized.txt">reading text</a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <section class="cite" aria-labelledby="cite-title">
      <h2 id="cite-title">How to cite</h2>
      <p class="citation"><xsl:value-of select="$edition?citation"/></p>
    </section>
    <p><a href="package-note.html">About the deposit package</a></p>
  </xsl:template>

  <!-- The persons register: each person with their role, and every place that names them. -->
  <xsl:template name="site:persons">
    <p>Every person the documents name, as the register identifies them, with the places that name them.</p>
    <dl class="persons">
      <xsl:for-each select="$data?persons">
        <dt id="{?id}"><xsl:value-of select="?name"/></dt>
        <dd>
          <xsl:value-of select="?role"/>
          <xsl:for-each select="?wikidata"><xsl:text> </xsl:text><a href="https://www.wikidata.org/wiki/{.}">Wikidata <xsl:value-of select="."/></a></xsl:for-each>
          <xsl:for-each select="?viaf"><xsl:text> </xsl:text><a href="https://viaf.org/viaf/{.}">VIAF <xsl:value-of select="."/></a></xsl:for-each>
          <xsl:choose>
            <xsl:when test="exists(?mentions)">
              <ul>
                <xsl:for-each select="?mentions">
                  <xsl:variable name="doc" select="?doc"/>
                  <li>
                    <a href="{site:doc-link($doc, (), 'normalized')}"><xsl:value-of select="?title"/></a>
                    <xsl:if test="exists(?anchors)">
                      <xsl:text>: </xsl:text>
                      <xsl:for-each select="?anchors">
                        <xsl:if test="position() gt 1">, </xsl:if>
                        <a href="{site:doc-link($doc, ., 'normalized')}">¶ <xsl:value-of select="."/></a>
                      </xsl:for-each>
                    </xsl:if>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise><p>Not named in the documents.</p></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- The abbreviations: each form (the first of an id is the anchor that document pages link to). -->
  <xsl:template name="site:abbreviations">
    <p>The abbreviations and terms the edition's register knows. The reading text expands abbreviations; it keeps acronyms and terms as written, and lists them with each document: an acronym with its expansion, a term with its gloss.</p>
    <dl class="abbreviations">
      <xsl:for-each select="$data?abbreviations">
        <dt>
          <xsl:for-each select="?forms">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="exists(?id)"><span id="{?id}"><xsl:value-of select="?text"/></span></xsl:when>
              <xsl:otherwise><xsl:value-of select="?text"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </dt>
        <dd>
          <xsl:value-of select="?expansion"/>
          <xsl:if test="?acronym"><xsl:text> </xsl:text><span class="muted">(kept in the reading text)</span></xsl:if>
          <xsl:if test="?gloss"><xsl:text> </xsl:text><span class="muted">(a term: kept in the text, explained)</span></xsl:if>
        </dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- Every correction, expansion and excision, with a link to its place. -->
  <xsl:template name="site:interventions">
    <p>Every correction, expansion and excision of the edition, with a link to its place.</p>
    <ul class="interventions">
      <xsl:for-each select="$data?interventions">
        <xsl:variable name="where" as="element()">
          <a href="{site:doc-link(?doc, ?anchor, 'diplomatic')}"><xsl:value-of select="?title || (?copy ! (' (copy ' || . || ')')) || (?anchor ! (', ¶ ' || .))"/></a>
        </xsl:variable>
        <li>
          <span class="kind"><xsl:value-of select="?kind"/></span>
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test="?kind = 'correction'">“<xsl:value-of select="?original"/>” → “<xsl:value-of select="?regular"/>” — <xsl:sequence select="$where"/></xsl:when>
            <xsl:when test="?kind = 'expansion'"><xsl:value-of select="?original"/> → <xsl:value-of select="?regular"/> — <xsl:sequence select="$where"/></xsl:when>
            <xsl:when test="?kind = 'excision'">an empty bracket on the page — <xsl:sequence select="$where"/></xsl:when>
            <xsl:otherwise>in copy <xsl:value-of select="?copy"/>: “<xsl:value-of select="?original"/>” (<xsl:value-of select="?words"/> words) — <a href="{site:doc-link(?doc, (), 'normalized')}"><xsl:value-of select="?title"/></a></xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- The transcription conventions, for readers. -->
  <xsl:template name="site:conventions">
    <p>The diplomatic transcription shows what the page shows; the reading text is corrected and easier to read.</p>
    <div class="table-scroll" role="region" aria-label="Marks of the diplomatic transcription (scrolls sideways)" tabindex="0">
      <table class="conventions">
        <caption>Marks of the diplomatic transcription</caption>
        <thead><tr><th scope="col">On the page</th><th scope="col">In the diplomatic view</th><th scope="col">In the plain-text edition</th><th scope="col">In the reading text</th></tr></thead>
        <tbody>
          <tr><td>struck-through text</td><td><del>struck</del></td><td>[-struck-]</td><td>left out</td></tr>
          <tr><td>text inserted above the line</td><td>raised</td><td>\inserted/</td><td>in place</td></tr>
          <tr><td>handwriting on the typescript</td><td><span class="hand">in a script face</span></td><td>{handwritten}</td><td>in place</td></tr>
          <tr><td>an excision (an empty bracket)</td><td colspan="3">[excised], or as the Foreign Relations series words it: [1 paragraph (7 lines of source text) not declassified]</td></tr>
          <tr><td>a new page</td><td colspan="3">[Page 2]</td></tr>
          <tr><td>classification markings, stamps</td><td>framed, where they stand</td><td>where they stand</td><td>stamps listed after the text</td></tr>
          <tr><td>an error of the source or the OCR</td><td>as written</td><td>as written</td><td>corrected</td></tr>
          <tr><td>telegraphic abbreviations</td><td>as written</td><td>as written</td><td>expanded (QTE … UNQTE as quotation marks)</td></tr>
        </tbody>
      </table>
    </div>
    <p>In the reading text, ⸢ ⸣ mark words that another copy of the document lacks or reads otherwise, followed by what that copy has, e.g. [excised in B (5 words)].</p>
  </xsl:template>

  <!-- The search form; the results are the search script's (site.js). -->
  <xsl:template name="site:search">
    <form class="search" role="search" onsubmit="return false">
      <label for="q">Search the documents (diplomatic and reading text)</label>
      <input id="q" name="q" type="search" autocomplete="off" aria-describedby="search-help"/>
      <p id="search-help" class="search-help">Words match their beginnings and near spellings; put a phrase in quotes: "surprise attack".</p>
      <!-- Filters by the documents' type and date (what the table of documents shows). -->
      <xsl:variable name="types" select="sort(distinct-values($data?documents ! ?type))"/>
      <xsl:variable name="dates" select="sort($data?documents ! ?date ! substring(., 1, 10))"/>
      <fieldset class="search-filters">
        <legend>Only documents</legend>
        <label for="f-type">of type</label>
        <select id="f-type" name="type">
          <option value="">any type</option>
          <xsl:for-each select="$types"><option value="{.}"><xsl:value-of select="."/></option></xsl:for-each>
        </select>
        <label for="f-from">dated from</label>
        <input id="f-from" name="from" type="date" min="{$dates[1]}" max="{$dates[last()]}"/>
        <label for="f-to">to</label>
        <input id="f-to" name="to" type="date" min="{$dates[1]}" max="{$dates[last()]}"/>
      </fieldset>
    </form>
    <p id="search-status" role="status" aria-live="polite"></p>
    <ol id="results" class="results"></ol>
  </xsl:template>
</xsl:stylesheet>
