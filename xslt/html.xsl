<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: one HTML page per document, holding both views (diplomatic and reading text) and a
  switch between them (edition.js). What each element does in each view is decided in rules.xsl; edition.xsl includes
  this module and calls it;
  this module only says how each behaviour is written in HTML.

  Accessibility: nothing is shown on hover only. Every mark that sighted readers see as styling
  (struck, raised, another hand, furniture, stamp) carries a visually hidden label for screen
  readers ("deleted:", "inserted above the line:").
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:te="urn:tei-edition:xslt"
                xmlns:htm="urn:tei-edition:xslt:html"
                xmlns:facs="urn:tei-edition:xslt:facsimile"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- The document's name: the base of its file names (downloads). -->
  <xsl:param name="name" as="xs:string" select="'document'"/>
  <!-- Where the page finds edition.css and edition.js. -->
  <xsl:param name="assets" as="xs:string" select="''"/>

  <xsl:variable name="views" as="map(xs:string, xs:string)*"
                select="(map { 'view': 'diplomatic', 'title': 'Diplomatic transcription', 'button': 'Diplomatic', 'prefix': 'd-' },
                         map { 'view': 'normalized', 'title': 'Reading text', 'button': 'Reading text', 'prefix': '' })"/>

  <!-- The page: both views, the header, the notes, in the page shell of every page (shell.xsl). -->
  <xsl:template name="htm:page">
    <xsl:variable name="title" select="$te:title"/>
    <xsl:call-template name="htm:shell">
      <xsl:with-param name="lang" select="string((/*/@xml:lang, 'en')[1])"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="edition-title" select="(($te:header//tei:titleStmt/tei:title[@type = 'sub'])[1] ! normalize-space(.), 'The edition')[1]"/>
      <xsl:with-param name="root" select="'../'"/>
      <xsl:with-param name="assets" select="$assets"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
      <xsl:with-param name="skip-to" select="'text'"/>
      <xsl:with-param name="skip-label" select="'Skip to the text'"/>
      <xsl:with-param name="head" as="node()*"><xsl:call-template name="facs:head"/><xsl:call-template name="htm:meta"/></xsl:with-param>
      <xsl:with-param name="rights" select="$te:header//tei:availability/(tei:licence | tei:p) ! string(.)"/>
      <xsl:with-param name="scripts" select="$assets || 'edition.js'"/>
      <xsl:with-param name="content" as="node()*">
        <section class="doc-header" aria-labelledby="doc-title">
          <h1 id="doc-title"><xsl:value-of select="$title"/></h1>
          <xsl:call-template name="htm:metadata"/>
          <xsl:call-template name="htm:ledger"/>
          <nav class="downloads" aria-label="Downloads">
            <span>Download: </span>
            <a href="../text/{$name}.diplomatic.txt">diplomatic text</a>
            <span aria-hidden="true"> · </span>
            <a href="../text/{$name}.normalized.txt">reading text</a>
            <span aria-hidden="true"> · </span>
            <a href="../tei/{$name}.xml">TEI</a>
          </nav>

        </section>
        <xsl:if test="$te:text-empty">
          <xsl:apply-templates select="$te:header[1]/tei:fileDesc/tei:sourceDesc/tei:msDesc" mode="te:diplomatic">
            <xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/>
            <xsl:with-param name="prefix" select="'h-'" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:if>
        <div class="toolbar" role="region" aria-label="Choice of view">
            <div class="view-switch" role="group" aria-label="Edition view">
              <xsl:for-each select="$views">
                <button type="button" data-view="{?view}" aria-pressed="{if (position() = 1) then 'true' else 'false'}" aria-controls="view-{?view}">
                  <xsl:value-of select="?button"/>
                </button>
              </xsl:for-each>
            </div>
        </div>
        <main id="text">
          <xsl:for-each select="$views">
            <xsl:variable name="v" select="."/>
            <section class="view view-{$v?view}" id="view-{$v?view}" data-view="{$v?view}" aria-labelledby="title-{$v?view}">
              <h2 class="view-title" id="title-{$v?view}"><xsl:value-of select="$v?title"/></h2>
              <xsl:variable name="witnesses" select="$te:witnesses"/>
              <xsl:if test="count($witnesses) gt 1 and $v?view = 'normalized'">
                <p class="view-note">The reading text follows copy <xsl:value-of select="te:witness-siglum($witnesses[1])"/> (<xsl:value-of select="te:witness-label($witnesses[1])"/>); the diplomatic transcription shows every copy.</p>
              </xsl:if>
              <xsl:call-template name="facs:view"><xsl:with-param name="view" select="$v?view" tunnel="yes"/></xsl:call-template>
              <xsl:call-template name="te:apparatus-controls"><xsl:with-param name="view" select="$v?view" tunnel="yes"/></xsl:call-template>
              <div class="text">
                <xsl:choose>
                  <!-- The text once for both views (rules.xsl te:views-differ): in the first, between two marks;
                       the others hold a mark in its place, and src/render/index.ts writes it there. -->
                  <xsl:when test="not($te:views-differ) and position() = 1">
                    <xsl:comment>te:one-text prefix="<xsl:value-of select="$v?prefix"/>"</xsl:comment>
                    <xsl:apply-templates select="$te:text-root" mode="te:diplomatic">
                      <xsl:with-param name="view" select="$v?view" tunnel="yes"/>
                      <xsl:with-param name="prefix" select="$te:prefix-mark" tunnel="yes"/>
                    </xsl:apply-templates>
                    <xsl:comment>/te:one-text</xsl:comment>
                  </xsl:when>
                  <xsl:when test="not($te:views-differ)"><xsl:comment>te:one-text-copy prefix="<xsl:value-of select="$v?prefix"/>"</xsl:comment></xsl:when>
                  <xsl:when test="$v?view = 'diplomatic'">
                    <xsl:apply-templates select="$te:text-root" mode="te:diplomatic">
                      <xsl:with-param name="view" select="$v?view" tunnel="yes"/>
                      <xsl:with-param name="prefix" select="$v?prefix" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:apply-templates select="$te:text-root" mode="te:normalized">
                      <xsl:with-param name="view" select="$v?view" tunnel="yes"/>
                      <xsl:with-param name="prefix" select="$v?prefix" tunnel="yes"/>
                    </xsl:apply-templates>
                  </xsl:otherwise>
                </xsl:choose>
              </div>
              <xsl:call-template name="htm:notes">
                <xsl:with-param name="view" select="$v?view" tunnel="yes"/>
                <xsl:with-param name="prefix" select="$v?prefix" tunnel="yes"/>
              </xsl:call-template>
              <xsl:call-template name="te:apparatus">
                <xsl:with-param name="view" select="$v?view" tunnel="yes"/>
                <xsl:with-param name="prefix" select="$v?prefix" tunnel="yes"/>
              </xsl:call-template>
              <xsl:variable name="acronyms" select="te:view-acronyms($v?view)"/>
              <xsl:if test="$acronyms">
                <section class="abbreviations" aria-labelledby="{$v?prefix}abbr-title">
                  <h3 id="{$v?prefix}abbr-title"><xsl:value-of select="if ($acronyms/self::tei:gloss) then 'Abbreviations and terms' else 'Abbreviations'"/></h3>
                  <dl>
                    <xsl:for-each select="$acronyms">
                      <dt><xsl:value-of select="te:abbr-form(.)"/></dt>
                      <dd><xsl:value-of select="te:abbr-meaning(.)"/></dd>
                    </xsl:for-each>
                  </dl>
                </section>
              </xsl:if>
              <xsl:if test="$v?view = 'normalized'">
                <xsl:variable name="stamps" select="$te:stamps"/>
                <xsl:if test="$stamps">
                  <section class="stamps" aria-labelledby="stamps-title">
                    <h3 id="stamps-title">Stamps and markings</h3>
                    <ul>
                      <xsl:for-each select="$stamps">
                        <li>
                          <xsl:apply-templates mode="te:diplomatic">
                            <xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/>
                            <xsl:with-param name="prefix" select="'s-'" tunnel="yes"/>
                          </xsl:apply-templates>
                        </li>
                      </xsl:for-each>
                    </ul>
                  </section>
                </xsl:if>
              </xsl:if>
            </section>
          </xsl:for-each>
          <xsl:call-template name="htm:persons"/>
          <xsl:call-template name="htm:about"/>
          <xsl:call-template name="htm:cite"/>
        </main>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- About this document: the TEI header for readers (titles, responsibility, publication, source,
       licence); a manuscript description of the source as one (the table's msDesc rule). -->
  <xsl:template name="htm:about">
    <xsl:variable name="h" select="($te:header)[1]"/>
    <xsl:variable name="file" select="$h/tei:fileDesc"/>
    <xsl:if test="$h">
      <section class="about" id="about" aria-labelledby="about-title">
        <h2 id="about-title">About this document</h2>
        <dl class="about-list">
          <xsl:variable name="titles" select="$file/tei:titleStmt/tei:title[normalize-space()]"/>
          <xsl:if test="$titles">
            <dt>Title</dt>
            <xsl:for-each select="$titles"><dd><xsl:value-of select="normalize-space(.)"/><xsl:for-each select="(@type, @level ! ('level ' || .))[1]"> <span class="about-kind">(<xsl:value-of select="."/>)</span></xsl:for-each></dd></xsl:for-each>
          </xsl:if>
          <xsl:variable name="resp" select="$file/tei:titleStmt/(tei:author | tei:editor | tei:respStmt | tei:sponsor | tei:funder | tei:principal), $file/tei:editionStmt/tei:respStmt"/>
          <xsl:if test="$resp">
            <dt>Responsibility</dt>
            <xsl:for-each select="$resp">
              <dd>
                <xsl:choose>
                  <xsl:when test="self::tei:respStmt"><xsl:value-of select="string-join(tei:resp ! normalize-space(.), ', ')"/>: <xsl:value-of select="string-join((* except tei:resp) ! normalize-space(.), '; ')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="local-name()"/>: <xsl:value-of select="string-join((if (*[not(self::tei:address)]) then *[not(self::tei:address)] else .) ! normalize-space(.), '; ')"/></xsl:otherwise>
                </xsl:choose>
              </dd>
            </xsl:for-each>
          </xsl:if>
          <xsl:for-each select="$file/tei:editionStmt[normalize-space()]">
            <dt>Edition</dt><dd><xsl:value-of select="normalize-space(string-join(tei:edition, ' '))"/></dd>
          </xsl:for-each>
          <xsl:for-each select="$file/tei:publicationStmt[normalize-space()]">
            <dt>Publication</dt>
            <dd><xsl:value-of select="string-join((tei:publisher, tei:distributor, tei:authority, tei:pubPlace, tei:date, tei:p)[normalize-space()] ! normalize-space(.), ', ')"/></dd>
            <xsl:for-each select="tei:idno[normalize-space()]"><dd><xsl:value-of select="(@type ! (. || ': '), '')[1] || normalize-space(.)"/></dd></xsl:for-each>
          </xsl:for-each>
          <xsl:for-each select="$file/tei:seriesStmt[normalize-space()]">
            <dt>Series</dt><dd><xsl:value-of select="normalize-space(string-join((tei:title, tei:p, tei:idno), '; '))"/></dd>
          </xsl:for-each>
          <xsl:variable name="sources" select="$file/tei:sourceDesc/(* except (tei:msDesc | tei:listWit | tei:listPerson | tei:listPlace | tei:listOrg))[normalize-space()]"/>
          <xsl:if test="$sources">
            <dt>Source</dt>
            <xsl:for-each select="$sources"><dd><xsl:value-of select="normalize-space(.)"/></dd></xsl:for-each>
          </xsl:if>
          <xsl:variable name="availability" select="$file/tei:publicationStmt/tei:availability"/>
          <xsl:if test="$availability[normalize-space() or .//@target]">
            <dt>Licence</dt>
            <xsl:for-each select="$availability">
              <dd>
                <xsl:for-each select="tei:licence[@target]"><a href="{@target}"><xsl:value-of select="@target"/></a><xsl:text> </xsl:text></xsl:for-each>
                <xsl:value-of select="normalize-space(.)"/>
                <xsl:if test="@status and not(normalize-space())"><xsl:value-of select="@status"/></xsl:if>
              </dd>
            </xsl:for-each>
          </xsl:if>
        </dl>
        <xsl:if test="not($te:text-empty)">
          <xsl:apply-templates select="$file/tei:sourceDesc/tei:msDesc" mode="te:diplomatic">
            <xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/>
            <xsl:with-param name="prefix" select="'h-'" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="htm:metadata">
    <xsl:variable name="h" select="$te:header"/>
    <dl class="doc-meta">
      <xsl:for-each select="$te:date">
        <dt>Date</dt><dd><xsl:value-of select="."/></dd>
      </xsl:for-each>
      <xsl:for-each select="($h//tei:keywords/tei:term[@type = 'documentType'])[1]">
        <dt>Type</dt><dd><xsl:value-of select="."/></dd>
      </xsl:for-each>
      <xsl:for-each select="($h//tei:keywords/tei:term[@type = 'classification'])[1]">
        <dt>Classification</dt><dd><xsl:value-of select="."/></dd>
      </xsl:for-each>
      <xsl:for-each select="($h//tei:msDesc/tei:msIdentifier)[1][tei:idno | tei:collection]">
        <dt>Identifiers</dt>
        <dd><xsl:value-of select="string-join((tei:collection, tei:idno) ! normalize-space(.), '; ')"/></dd>
      </xsl:for-each>
      <xsl:if test="count($h//tei:listWit/tei:witness) gt 1">
        <dt>Copies</dt>
        <dd>
          <ul class="witness-list">
            <xsl:for-each select="$h//tei:listWit/tei:witness">
              <li><xsl:value-of select="replace(@xml:id, '^wit-', '')"/>: <xsl:value-of select="normalize-space(.)"/></li>
            </xsl:for-each>
          </ul>
        </dd>
      </xsl:if>
    </dl>
  </xsl:template>


  <!-- ==================================================== the behaviours, in HTML -->
  <!-- Each is called by the rule of rules.xsl that gives an element its behaviour in a view; the
       content is rendered in the same view (mode #current). Visually hidden words for screen readers:
       <span class="sr-only">. -->

  <!-- An element without content of its own (no element, only white space) leaves nothing. -->
  <xsl:template name="htm:content">
    <xsl:if test="exists(*) or self::tei:choice or normalize-space() != ''">
      <xsl:apply-templates mode="#current"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="htm:witness">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:variable name="siglum" select="te:witness-siglum(.)"/>
    <section class="witness" id="{$prefix}wit-{$siglum}" data-witness="{$siglum}">
      <xsl:if test="$view = 'diplomatic' and count(../tei:div[@type = 'witness']) gt 1">
        <h3 class="witness-label">Copy <xsl:value-of select="$siglum"/>: <xsl:value-of select="te:witness-label(.)"/></h3>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
    </section>
  </xsl:template>

  <xsl:template name="htm:witness-intro">
    <p class="witness-intro"><span class="sr-only">Transcriber’s note: </span><xsl:apply-templates mode="#current"/></p>
  </xsl:template>

  <xsl:template name="htm:heading">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <!-- Under the copy's own heading (h3) when the view shows one, else directly under the view's (h2). -->
    <xsl:variable name="labelled" select="$view = 'diplomatic' and count(ancestor::tei:div[@type = 'witness'][1]/../tei:div[@type = 'witness']) gt 1"/>
    <xsl:element name="{if ($labelled) then 'h4' else 'h3'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class">head</xsl:attribute>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="htm:paragraph">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:element name="{if (te:holds-blocks(.)) then 'div' else 'p'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class">p</xsl:attribute>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="$prefix || @xml:id"/>
        <xsl:attribute name="data-anchor" select="@xml:id"/>
      </xsl:if>
      <xsl:apply-templates mode="#current"/>
      <xsl:if test="$view != 'diplomatic' and @next">
        <xsl:variable name="p" select="."/>
        <xsl:for-each select="te:continuations(.)">
          <xsl:text> </xsl:text>
          <xsl:for-each select="te:breaks-between($p, .)">
            <span class="pb"><xsl:value-of select="te:page-text(.)"/></span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
          <span class="continuation" id="{$prefix}{@xml:id}" data-anchor="{@xml:id}">
            <xsl:apply-templates mode="#current"/>
          </span>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="@xml:id">
        <xsl:text> </xsl:text>
        <a class="anchor" href="#{@xml:id}" aria-label="Link to paragraph {@xml:id}">¶</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template name="htm:block">
    <div class="block {local-name()}{@type ! (' ' || .)}"><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <xsl:template name="htm:caption">
    <p class="caption"><xsl:apply-templates mode="#current"/></p>
  </xsl:template>

  <xsl:template name="htm:dateline">
    <p class="dateline"><xsl:apply-templates mode="#current"/></p>
  </xsl:template>

  <!-- A list: the fields of a form (type="field": "TO: …", inline) as they stand; a gloss list (labels
       and items) a description list; any other an HTML list, numbered if the TEI says so. -->
  <xsl:template name="htm:list">
    <xsl:variable name="kind" select="te:list-kind(.)"/>
    <div class="list{@type ! (' list-' || .)}{@subtype ! (' ' || .)}">
      <xsl:choose>
        <xsl:when test="$kind = 'field'"><xsl:apply-templates mode="#current"/></xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="tei:head" mode="#current"/>
          <xsl:element name="{if ($kind = 'gloss') then 'dl' else if ($kind = 'ordered') then 'ol' else 'ul'}" namespace="http://www.w3.org/1999/xhtml">
            <xsl:for-each select="node()[not(self::tei:head)]">
              <xsl:choose>
                <xsl:when test="self::tei:item or self::tei:label or self::text()"><xsl:apply-templates select="." mode="#current"/></xsl:when>
                <xsl:otherwise><xsl:element name="{if ($kind = 'gloss') then 'dd' else 'li'}" namespace="http://www.w3.org/1999/xhtml"><xsl:attribute name="class">list-other</xsl:attribute><xsl:apply-templates select="." mode="#current"/></xsl:element></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:element>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="htm:list-head">
    <xsl:choose>
      <xsl:when test="te:list-kind(..) = 'field'">
        <span class="list-head"><xsl:apply-templates mode="#current"/></span>
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise><p class="list-head"><xsl:apply-templates mode="#current"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="htm:item">
    <xsl:variable name="kind" select="te:list-kind(..)"/>
    <xsl:choose>
      <xsl:when test="$kind = 'field'"><span class="item"><xsl:apply-templates mode="#current"/></span></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($kind != 'gloss') then 'li' else if (self::tei:label) then 'dt' else 'dd'}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="class" select="local-name()"/>
          <xsl:if test="@n and $kind = 'ordered' and ../@type = 'ordered'"><xsl:attribute name="data-n" select="@n"/></xsl:if>
          <xsl:apply-templates mode="#current"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================== several texts, tables, registers, manuscripts, lines, drama -->

  <xsl:template name="htm:separate">
    <xsl:if test="preceding-sibling::node()[1][self::*]"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="following-sibling::node()[1][self::*]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template name="htm:section">
    <section class="part part-{local-name()}">
      <xsl:for-each select="te:section-title(.)"><h3 class="part-title"><xsl:value-of select="."/></h3></xsl:for-each>
      <xsl:apply-templates mode="#current"/>
    </section>
  </xsl:template>

  <!-- A table: its head the caption; header cells (role="label", or in a row of role="label") th. In a
       region of its own that scrolls sideways on small screens. -->
  <xsl:template name="htm:table">
    <xsl:apply-templates select="*[not(self::tei:head or self::tei:row)]" mode="#current"/>
    <div class="table-scroll" role="region" tabindex="0" aria-label="{(tei:head ! ('Table: ' || normalize-space(.)), 'Table')[1]} (scrolls sideways)">
      <table class="tei-table">
        <xsl:if test="tei:head">
          <caption><xsl:for-each select="tei:head"><xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if><xsl:apply-templates mode="#current"/></xsl:for-each></caption>
        </xsl:if>
        <tbody><xsl:apply-templates select="tei:row" mode="#current"/></tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template name="htm:row">
    <tr class="row{@role ! (' row-' || .)}"><xsl:apply-templates select="tei:cell" mode="#current"/></tr>
  </xsl:template>

  <xsl:template name="htm:cell">
    <xsl:variable name="header" select="@role = 'label' or ../@role = 'label'"/>
    <xsl:element name="{if ($header) then 'th' else 'td'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:if test="$header"><xsl:attribute name="scope" select="if (../@role = 'label') then 'col' else 'row'"/></xsl:if>
      <xsl:if test="@cols castable as xs:integer and xs:integer(@cols) gt 1"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows castable as xs:integer and xs:integer(@rows) gt 1"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="htm:register">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <section class="register register-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="$prefix || @xml:id"/></xsl:if>
      <h3 class="register-title">
        <xsl:choose>
          <xsl:when test="tei:head"><xsl:apply-templates select="tei:head/node()" mode="#current"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="te:register-title(.)"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <ul class="entries">
        <xsl:for-each select="node()[not(self::tei:head)]">
          <xsl:choose>
            <xsl:when test="self::text() or self::tei:*[map:contains($te:entry-names, local-name())]"><xsl:apply-templates select="." mode="#current"/></xsl:when>
            <xsl:otherwise><li class="register-part"><xsl:apply-templates select="." mode="#current"/></li></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:template name="htm:entry">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <li class="entry entry-{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="$prefix || @xml:id"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </li>
  </xsl:template>

  <xsl:template name="htm:field">
    <!-- A bibliography's parts have no label (te:field-label): not asked. -->
    <xsl:variable name="bibl-part" select="parent::tei:bibl or parent::tei:biblStruct or parent::tei:biblFull"/>
    <xsl:variable name="label" select="if ($bibl-part) then '' else te:field-label(.)"/>
    <xsl:variable name="block" select="exists(ancestor::tei:msDesc)"/>
    <xsl:text> </xsl:text>
    <xsl:element name="{if ($block) then 'div' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="if ($bibl-part) then 'bibl-part' else if (not($label)) then 'entry-name' else 'field field-' || local-name()"/>
      <xsl:if test="$label"><span class="field-label"><xsl:value-of select="upper-case(substring($label, 1, 1)) || substring($label, 2)"/>: </span></xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:msIdentifier or self::tei:altIdentifier">
          <xsl:for-each select="*"><xsl:if test="position() gt 1">, </xsl:if><xsl:apply-templates select="." mode="#current"/></xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="#current"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template name="htm:manuscript">
    <section class="ms-desc">
      <h3 class="ms-title">Manuscript description<xsl:for-each select="tei:msIdentifier/tei:idno[1]">: <xsl:value-of select="normalize-space(.)"/></xsl:for-each></h3>
      <xsl:apply-templates mode="#current"/>
    </section>
  </xsl:template>

  <xsl:template name="htm:ms-section">
    <xsl:variable name="label" select="te:field-label(.)"/>
    <section class="ms-section ms-{local-name()}">
      <h4><xsl:value-of select="upper-case(substring($label, 1, 1)) || substring($label, 2)"/><xsl:value-of select="@n ! (' ' || .)"/></h4>
      <xsl:apply-templates mode="#current"/>
    </section>
  </xsl:template>

  <xsl:template name="htm:line">
    <span class="line {local-name()}{@rend ! (' rend-' || replace(., '\s+', ' rend-'))}">
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:apply-templates mode="#current"/>
    </span>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="htm:zone">
    <div class="zone {local-name()}{@type ! (' zone-' || .)}"><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <xsl:template name="htm:speaker">
    <p class="speaker"><xsl:apply-templates mode="#current"/></p>
  </xsl:template>

  <xsl:template name="htm:stage">
    <xsl:variable name="inline" select="exists(parent::tei:p | parent::tei:l | parent::tei:ab | parent::tei:speaker | parent::tei:line)"/>
    <xsl:text> </xsl:text>
    <xsl:element name="{if ($inline) then 'span' else 'p'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class">stage</xsl:attribute>
      <xsl:apply-templates mode="#current"/>
    </xsl:element>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template name="htm:inline-note">
    <xsl:text> </xsl:text>
    <span class="note-inline"><span class="sr-only">Note: </span><xsl:apply-templates mode="#current"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template name="htm:closer">
    <div class="closer"><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <xsl:template name="htm:signed">
    <span class="signed block"><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template name="htm:admin">
    <div class="admin admin-{@type}"><span class="sr-only"><xsl:value-of select="'Form entry (' || @type || '): '"/></span><xsl:apply-templates mode="#current"/></div>
  </xsl:template>

  <xsl:template name="htm:footnote">
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:variable name="n" select="te:note-number(.)"/>
    <a class="noteref" id="{$prefix}noteref-{$n}" href="#{$prefix}note-{$n}" role="doc-noteref"><span class="sr-only">Note </span><sup><xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <xsl:template name="htm:page-break">
    <span class="pb{if (te:standalone(.)) then ' block' else ''}" data-page="{@n}"><xsl:value-of select="te:page-text(.)"/></span>
    <xsl:call-template name="facs:page"/>
  </xsl:template>

  <xsl:template name="htm:line-break">
    <br/>
  </xsl:template>

  <xsl:template name="htm:space">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template name="htm:furniture">
    <span class="fw{@type ! (' fw-' || .)}{if (te:standalone(.)) then ' block' else ''}"><span class="sr-only"><xsl:value-of select="'Page furniture' || @type ! (' (' || . || ')') || ': '"/></span><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template name="htm:stamp">
    <xsl:variable name="kind" select="(descendant-or-self::tei:stamp/@type)[1]"/>
    <span class="stamp{$kind ! (' stamp-' || .)}{if (te:standalone(.)) then ' block' else ''}"><span class="sr-only"><xsl:value-of select="'Stamp' || $kind ! (' (' || . || ')') || ': '"/></span><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template name="htm:deletion">
    <del><span class="sr-only">deleted: </span><xsl:apply-templates mode="#current"/></del>
  </xsl:template>

  <xsl:template name="htm:insertion">
    <ins class="add{@place ! (' add-' || .)}"><span class="sr-only"><xsl:value-of select="'inserted' || (if (@place = 'above') then ' above the line' else '') || ': '"/></span><xsl:apply-templates mode="#current"/></ins>
  </xsl:template>

  <xsl:template name="htm:hand">
    <span class="hand"><span class="sr-only">handwritten: </span><xsl:apply-templates mode="#current"/></span>
  </xsl:template>

  <xsl:template name="htm:bracketed">
    <span class="bracketed">[<xsl:apply-templates mode="#current"/>]</span>
  </xsl:template>

  <!-- An image in the text, where its URL takes the page (copied beside it by render); alt: the figure's description. -->
  <xsl:template name="htm:graphic">
    <img class="graphic" src="{facs:url(., normalize-space(@url))}" alt="{normalize-space((tei:desc, ../tei:figDesc, ../tei:head)[normalize-space()][1])}" loading="lazy"/>
  </xsl:template>

  <xsl:template name="htm:bold">
    <xsl:if test="exists(*) or normalize-space() != ''">
      <b><xsl:apply-templates mode="#current"/></b>
    </xsl:if>
  </xsl:template>

  <xsl:template name="htm:italic">
    <xsl:if test="exists(*) or normalize-space() != ''">
      <i><xsl:apply-templates mode="#current"/></i>
    </xsl:if>
  </xsl:template>

  <xsl:template name="htm:quote">
    <q><xsl:apply-templates mode="#current"/></q>
  </xsl:template>

  <!-- An acronym links to its entry on the abbreviations page (unless it stands in a link already). -->
  <xsl:template name="htm:acronym">
    <xsl:call-template name="htm:abbr-link"><xsl:with-param name="title" select="normalize-space(../tei:expan)"/></xsl:call-template>
  </xsl:template>

  <!-- A term glossed in the document's list of terms: as an acronym, its gloss for title. -->
  <xsl:template name="htm:term">
    <xsl:call-template name="htm:abbr-link">
      <xsl:with-param name="title" select="te:abbr-meaning(.)"/>
      <xsl:with-param name="class" select="'term'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An acronym's or term's abbr, its expansion or gloss for title, linked to its entry on the
       abbreviations page (unless it stands in a person's link already). -->
  <xsl:template name="htm:abbr-link">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:variable name="abbr">
      <abbr>
        <xsl:if test="exists($class)"><xsl:attribute name="class" select="$class"/></xsl:if>
        <xsl:attribute name="title" select="$title"/>
        <xsl:apply-templates mode="#current"/>
      </abbr>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="ancestor::tei:persName[te:person(.)]"><xsl:sequence select="$abbr"/></xsl:when>
      <xsl:otherwise><a class="abbr-link" href="../abbreviations.html#{te:abbr-id(normalize-space(.))}"><xsl:sequence select="$abbr"/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name. A person the document's standOff lists links to the persons register, and a button
       beside it (a toggletip: edition.js) tells who they are: keyboard and touch, not hover. -->
  <xsl:template name="htm:name">
    <xsl:if test="exists(*) or normalize-space() != ''">
      <xsl:variable name="person" select="if (self::tei:persName) then te:person(.) else ()"/>
      <xsl:choose>
        <xsl:when test="$person">
          <xsl:variable name="id" select="string($person/@xml:id)"/>
          <span class="person-name">
            <xsl:element name="{if (te:holds-link(.)) then 'span' else 'a'}" namespace="http://www.w3.org/1999/xhtml">
              <xsl:attribute name="class">persName</xsl:attribute>
              <xsl:attribute name="data-ref" select="@ref"/>
              <xsl:if test="not(te:holds-link(.))"><xsl:attribute name="href" select="'../persons.html#' || $id"/></xsl:if>
              <xsl:apply-templates mode="#current"/>
            </xsl:element>
            <button type="button" class="tip" data-person="{$id}" aria-expanded="false" aria-label="About {te:person-name($person)}"></button>
            <span class="tip-body" role="status"></span>
          </span>
        </xsl:when>
        <xsl:otherwise>
          <span class="{local-name()}">
            <xsl:if test="@ref"><xsl:attribute name="data-ref" select="@ref"/></xsl:if>
            <xsl:apply-templates mode="#current"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:key name="te:person" match="tei:standOff//tei:person[@xml:id]" use="string(@xml:id)"/>

  <!-- The register entry of a name (the document's standOff), if any. -->
  <xsl:function name="te:person" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="if (starts-with($name/@ref, '#')) then key('te:person', substring($name/@ref, 2), root($name))[1] else ()"/>
  </xsl:function>

  <xsl:function name="te:person-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="normalize-space(($person/tei:persName)[1])"/>
  </xsl:function>

  <!-- Whether a name's HTML holds a link of its own (a note mark, an apparatus mark, an acronym's link). -->
  <xsl:function name="te:holds-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e//(tei:note | tei:anchor[@type = 'app-end'] | tei:abbr[@type = 'acronym'] | tei:gloss[@target] | tei:ref | tei:ptr))"/>
  </xsl:function>

  <!-- The anchor of an abbreviation on the abbreviations page (src/site/index.ts abbrId: the same). -->
  <xsl:function name="te:abbr-id" as="xs:string">
    <xsl:param name="abbr" as="xs:string"/>
    <xsl:sequence select="'abbr-' || replace($abbr, '[^A-Za-z0-9]', '_')"/>
  </xsl:function>

  <!-- The persons the document names: the entries the toggletips show, and a list for print and no script. -->
  <xsl:template name="htm:persons">
    <xsl:variable name="named" select="distinct-values(te:named('persName', /)[ancestor::tei:text]/@ref[starts-with(., '#')] ! substring(., 2))"/>
    <xsl:variable name="persons" select="te:named('person', /)[ancestor::tei:standOff][@xml:id = $named]"/>
    <xsl:if test="$persons">
      <section class="persons-named" aria-labelledby="persons-title">
        <h2 id="persons-title">Persons named</h2>
        <dl>
          <xsl:for-each select="$persons">
            <dt id="person-{@xml:id}"><xsl:value-of select="te:person-name(.)"/></dt>
            <dd data-person="{@xml:id}">
              <xsl:for-each select="tei:occupation | tei:roleName"><span class="role"><xsl:value-of select="normalize-space(.)"/></span>. </xsl:for-each>
              <a href="../persons.html#{@xml:id}">In the persons register</a>
              <xsl:for-each select="tei:idno[@type = 'wikidata']"><xsl:text> · </xsl:text><a href="https://www.wikidata.org/wiki/{normalize-space(.)}">Wikidata <xsl:value-of select="normalize-space(.)"/></a></xsl:for-each>
              <xsl:for-each select="tei:idno[@type = 'viaf']"><xsl:text> · </xsl:text><a href="https://viaf.org/viaf/{normalize-space(.)}">VIAF <xsl:value-of select="normalize-space(.)"/></a></xsl:for-each>
            </dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The edition's URL of this page, if the TEI gives the edition's (publicationStmt/idno type="URL"). -->
  <xsl:function name="te:page-url" as="xs:string?">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="base" select="(te:named('publicationStmt', $root)/tei:idno[@type = 'URL'])[1] ! normalize-space(.)"/>
    <xsl:sequence select="$base ! ((if (ends-with(., '/')) then . else . || '/') || 'html/' || encode-for-uri($name) || '.html')"/>
  </xsl:function>

  <xsl:variable name="te:page-url" as="xs:string?" select="te:page-url(/)"/>

  <!-- How to cite the page: the document, the edition, the editors, the publisher, the URL. -->
  <xsl:template name="htm:cite">
    <xsl:variable name="h" select="$te:header"/>
    <xsl:variable name="url" select="$te:page-url"/>
    <section class="cite" id="cite" aria-labelledby="cite-title">
      <h2 id="cite-title">How to cite</h2>
      <p class="citation">
        <xsl:value-of select="te:citation(/)"/>
        <xsl:text> </xsl:text>
        <span class="cite-url"><xsl:if test="$url"><xsl:attribute name="data-canonical">true</xsl:attribute></xsl:if><xsl:value-of select="($url, $name || '.html')[1]"/></span>
        <xsl:text>.</xsl:text>
      </p>
      <p class="cite-downloads">
        <span>For a reference manager: </span>
        <xsl:for-each select="te:cite-formats(/, $url)">
          <xsl:if test="position() gt 1"><span aria-hidden="true"> · </span></xsl:if>
          <a href="data:{?type};charset=utf-8,{encode-for-uri(?content)}" download="{$name}.{?ext}"><xsl:value-of select="?label"/></a>
        </xsl:for-each>
      </p>
    </section>
  </xsl:template>

  <!-- The citation as BibTeX, RIS and CSL-JSON: small enough to write by hand, downloaded from the page (data: links, no files).
       $root: the document (/); its header, title and date are the ones asked once in rules.xsl. -->
  <xsl:function name="te:cite-formats" as="map(*)*">
    <xsl:param name="root" as="node()"/>
    <xsl:param name="url" as="xs:string?"/>
    <!-- The document's (the page's root): its header and title as asked once (rules.xsl). -->
    <xsl:variable name="h" select="$te:header"/>
    <xsl:variable name="title" select="$te:title"/>
    <xsl:variable name="when" select="(($h//tei:profileDesc/tei:creation/tei:date)[1]/@when ! substring(., 1, 10))[1][matches(., '^\d{4}(-\d\d){0,2}$')]"/>
    <xsl:variable name="edition" select="($h//tei:titleStmt/tei:title[@type = 'sub'])[1] ! normalize-space(.)"/>
    <xsl:variable name="publisher" select="($h//tei:publicationStmt/tei:publisher)[1] ! normalize-space(.)"/>
    <xsl:variable name="authors" select="$h//tei:titleStmt/tei:author ! normalize-space(.)"/>
    <xsl:variable name="editors" select="$h//tei:titleStmt/tei:editor ! normalize-space(.)"/>
    <xsl:variable name="lang" select="string(($root/*/@xml:lang, 'en')[1])"/>
    <xsl:sequence select="map { 'label': 'BibTeX', 'ext': 'bib', 'type': 'application/x-bibtex', 'content': string-join((
      '@misc{' || replace($name, '[^A-Za-z0-9_:-]', '_') || ',',
      '  title = {' || htm:bibtex-escape($title) || '},',
      if (exists($authors)) then '  author = {{' || string-join($authors ! htm:bibtex-escape(.), '} and {') || '}},' else (),
      if (exists($editors)) then '  editor = {{' || string-join($editors ! htm:bibtex-escape(.), '} and {') || '}},' else (),
      $when ! ('  date = {' || . || '},'),
      $when ! ('  year = {' || substring(., 1, 4) || '},'),
      $edition ! ('  howpublished = {' || htm:bibtex-escape(.) || '},'),
      $publisher ! ('  publisher = {' || htm:bibtex-escape(.) || '},'),
      $url ! ('  url = {' || . || '},'),
      '  language = {' || $lang || '}',
      '}', ''), '&#10;') }"/>
    <xsl:sequence select="map { 'label': 'RIS', 'ext': 'ris', 'type': 'application/x-research-info-systems', 'content': string-join((
      'TY  - MANSCPT',
      'TI  - ' || $title,
      $authors ! ('AU  - ' || .),
      $editors ! ('ED  - ' || .),
      $when ! ('DA  - ' || replace(., '-', '/')),
      $when ! ('PY  - ' || substring(., 1, 4)),
      $edition ! ('T2  - ' || .),
      $publisher ! ('PB  - ' || .),
      $url ! ('UR  - ' || .),
      'LA  - ' || $lang,
      'ID  - ' || $name,
      'ER  - ', ''), '&#13;&#10;') }"/>
    <xsl:sequence select="map { 'label': 'CSL-JSON', 'ext': 'json', 'type': 'application/vnd.citationstyles.csl+json', 'content': '[{' || string-join((
      '&quot;id&quot;:' || htm:json($name),
      '&quot;type&quot;:&quot;manuscript&quot;',
      '&quot;title&quot;:' || htm:json($title),
      if (exists($authors)) then '&quot;author&quot;:[' || string-join($authors ! ('{&quot;literal&quot;:' || htm:json(.) || '}'), ',') || ']' else (),
      if (exists($editors)) then '&quot;editor&quot;:[' || string-join($editors ! ('{&quot;literal&quot;:' || htm:json(.) || '}'), ',') || ']' else (),
      $when ! ('&quot;issued&quot;:{&quot;date-parts&quot;:[[' || string-join(tokenize(., '-') ! string(xs:integer(.)), ',') || ']]}'),
      $edition ! ('&quot;container-title&quot;:' || htm:json(.)),
      $publisher ! ('&quot;publisher&quot;:' || htm:json(.)),
      $url ! ('&quot;URL&quot;:' || htm:json(.)),
      '&quot;language&quot;:' || htm:json($lang)
    ), ',') || '}]&#10;' }"/>
  </xsl:function>

  <xsl:function name="te:citation" as="xs:string">
    <xsl:param name="root" as="node()"/>
    <xsl:variable name="h" select="$te:header"/>
    <xsl:variable name="editors" select="string-join($h//tei:titleStmt/tei:editor ! normalize-space(.), ', ')"/>
    <xsl:variable name="edition" select="($h//tei:titleStmt/tei:title[@type = 'sub'])[1] ! normalize-space(.)"/>
    <xsl:variable name="pub" select="($h//tei:publicationStmt)[1]"/>
    <xsl:sequence select="string-join((
      '“' || $te:title || '”' || ($te:date ! (', ' || .)),
      $edition ! ('In ' || . || (if ($editors) then ', edited by ' || $editors else '')),
      string-join(($pub/tei:publisher ! normalize-space(.), $pub/tei:date ! normalize-space(.)), ', ')[. != '']
    ) ! (if (ends-with(., '.')) then . else . || '.'), ' ')"/>
  </xsl:function>

  <!-- Metadata for reference managers and search engines: Highwire citation_*, Dublin Core, schema.org. -->
  <xsl:template name="htm:meta">
    <xsl:variable name="h" select="$te:header"/>
    <xsl:variable name="url" select="$te:page-url"/>
    <xsl:variable name="when" select="(($h//tei:profileDesc/tei:creation/tei:date)[1]/@when ! substring(., 1, 10))[1]"/>
    <xsl:variable name="edition" select="($h//tei:titleStmt/tei:title[@type = 'sub'])[1] ! normalize-space(.)"/>
    <xsl:variable name="publisher" select="($h//tei:publicationStmt/tei:publisher)[1] ! normalize-space(.)"/>
    <xsl:variable name="pubdate" select="($h//tei:publicationStmt/tei:date)[1] ! normalize-space(.)"/>
    <xsl:variable name="authors" select="$h//tei:titleStmt/tei:author ! normalize-space(.)"/>
    <xsl:variable name="editors" select="$h//tei:titleStmt/tei:editor ! normalize-space(.)"/>
    <xsl:variable name="licences" select="$h//tei:availability/tei:licence/@target ! string(.)"/>
    <xsl:variable name="lang" select="(/*/@xml:lang, 'en')[1]"/>
    <meta name="citation_title" content="{$te:title}"/>
    <xsl:for-each select="$authors"><meta name="citation_author" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$edition"><meta name="citation_inbook_title" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$editors"><meta name="citation_editor" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$publisher"><meta name="citation_publisher" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$pubdate"><meta name="citation_publication_date" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$when"><meta name="citation_date" content="{.}"/></xsl:for-each>
    <meta name="citation_language" content="{$lang}"/>
    <xsl:for-each select="$url"><meta name="citation_public_url" content="{.}"/><link rel="canonical" href="{.}"/></xsl:for-each>
    <meta name="DC.title" content="{$te:title}"/>
    <xsl:for-each select="$authors"><meta name="DC.creator" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$editors"><meta name="DC.contributor" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$when"><meta name="DC.date" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$publisher"><meta name="DC.publisher" content="{.}"/></xsl:for-each>
    <xsl:for-each select="$edition"><meta name="DC.relation.ispartof" content="{.}"/></xsl:for-each>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <meta name="DC.language" content="{$lang}"/>
    <meta name="DC.identifier" content="{($url, $name)[1]}"/>
    <xsl:for-each select="$licences"><meta name="DC.rights" content="{.}"/></xsl:for-each>
    <!-- JSON-LD, its members in a fixed order (a map's order is not: the page must be the same bytes every time). -->
    <xsl:variable name="members" as="xs:string*" select="(
      '&quot;@type&quot;:&quot;ArchiveComponent&quot;',
      '&quot;name&quot;:' || htm:json($te:title),
      '&quot;identifier&quot;:' || htm:json($name),
      '&quot;inLanguage&quot;:' || htm:json(string($lang)),
      $url ! ('&quot;url&quot;:' || htm:json(.)),
      $when ! ('&quot;dateCreated&quot;:' || htm:json(.)),
      if (exists($authors)) then '&quot;author&quot;:[' || string-join($authors ! ('{&quot;@type&quot;:&quot;Person&quot;,&quot;name&quot;:' || htm:json(.) || '}'), ',') || ']' else (),
      if (exists($editors)) then '&quot;editor&quot;:[' || string-join($editors ! ('{&quot;name&quot;:' || htm:json(.) || '}'), ',') || ']' else (),
      $edition ! ('&quot;isPartOf&quot;:{&quot;@type&quot;:&quot;Collection&quot;,&quot;name&quot;:' || htm:json(.) || '}'),
      $publisher ! ('&quot;publisher&quot;:{&quot;@type&quot;:&quot;Organization&quot;,&quot;name&quot;:' || htm:json(.) || '}'),
      $pubdate ! ('&quot;datePublished&quot;:' || htm:json(.)),
      if (exists($licences)) then '&quot;license&quot;:[' || string-join($licences ! htm:json(.), ',') || ']' else ()
    )"/>
    <xsl:sequence select="htm:json-ld($members)"/>
  </xsl:template>

  <xsl:template name="htm:excision">
    <span class="gap excision"><xsl:value-of select="te:excision-text(.)"/></span>
  </xsl:template>

  <xsl:template name="htm:gap">
    <span class="gap"><xsl:value-of select="te:gap-text(.)"/></span>
  </xsl:template>

  <!-- The notes of a view, numbered, after its text. -->
  <xsl:template name="htm:notes">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:param name="prefix" as="xs:string" tunnel="yes"/>
    <xsl:variable name="notes" select="te:view-notes($view)"/>
    <xsl:if test="$notes">
      <section class="notes" role="doc-endnotes" aria-labelledby="{$prefix}notes-title">
        <h3 id="{$prefix}notes-title">Notes</h3>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="te:note-number(.)"/>
            <li id="{$prefix}note-{$n}" value="{if ($n castable as xs:integer) then $n else position()}">
              <xsl:choose>
                <xsl:when test="$view = 'diplomatic'"><xsl:apply-templates mode="te:diplomatic"/></xsl:when>
                <xsl:otherwise><xsl:apply-templates mode="te:normalized"/></xsl:otherwise>
              </xsl:choose>
              <xsl:text> </xsl:text>
              <a class="backref" href="#{$prefix}noteref-{$n}" role="doc-backlink" aria-label="Back to the text of note {$n}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>
  <!-- A string as BibTeX writes it, its special characters escaped. (Named functions here, not inline
       function items: Saxon-HE 9.9, the bench's Java baseline, has no higher-order functions.) -->
  <xsl:function name="htm:bibtex-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace(replace($s, '([{}&amp;%$#_])', '\\$1'), '~', '\\textasciitilde{}')"/>
  </xsl:function>

</xsl:stylesheet>
