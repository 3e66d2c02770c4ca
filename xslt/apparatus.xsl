<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: the critical apparatus, in HTML and in plain text (included by edition.xsl).

  Two encodings are read (docs/encoding.md, "The apparatus"):
    double-end-point attachment   app in listApp (standOff or back), @from/@to pointing at anchors of
                                  the base text: what tei-edition writes
    parallel segmentation         app inline in the text (any other TEI edition): the lemma (or, without
                                  one, the first reading) stands in the text, the readings in the apparatus
  The reading text never runs readings together: it shows the lemma, with a letter linking to the entry.

  Entries are keyed to the paragraph (block) they stand in. Major entries (excisions, substantive
  variants, emendations of the reading text from another copy, and any entry of a foreign edition)
  come first, each marked in the reading text; OCR misreadings, orthographic variants and differences
  in struck text follow behind a control (details: keyboard and touch reach it; nothing on hover).
  The diplomatic view marks the differences in each copy (mark.variant) where the reader asks for it.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:te="urn:tei-edition:xslt"
                xmlns:htm="urn:tei-edition:xslt:html"
                xmlns:txt="urn:tei-edition:xslt:text"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="#all">

  <!-- ==================================================== the entries, asked once -->
  <xsl:variable name="te:apps" as="element()*" select="te:named('app', /)"/>
  <xsl:variable name="te:major-apps" as="element()*" select="$te:apps[te:app-major(.)]"/>
  <!-- The letter of each major entry, by its generated id. -->
  <xsl:variable name="te:app-letters" as="map(xs:string, xs:string)"
                select="map:merge(for $i in 1 to count($te:major-apps) return map { generate-id($te:major-apps[$i]): te:letter($i) })"/>

  <!-- Classes shown first; the others behind a control. An entry of a foreign edition is major. -->
  <xsl:function name="te:app-major" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="not($app/@type = ('ocr', 'orthographic', 'deletion')) or te:app-emends($app)"/>
  </xsl:function>

  <!-- Does the reading text take this entry's lemma from another copy (the base copy misreads)? -->
  <xsl:function name="te:app-emends" as="xs:boolean">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="exists($app/tei:rdg[@cause = 'misreading'][tokenize(@wit, '\s+') = tokenize($app/ancestor::tei:listApp[1]/@corresp, '\s+')[1]])"/>
  </xsl:function>

  <!-- a … z, aa … az, ba … -->
  <xsl:function name="te:letter" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n le 26) then codepoints-to-string(96 + $n) else te:letter(($n - 1) idiv 26) || codepoints-to-string(97 + ($n - 1) mod 26)"/>
  </xsl:function>

  <!-- Where an entry stands in the text: the anchor its @from points at, or the app itself (inline). -->
  <xsl:function name="te:app-place" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if ($app/@from) then te:target($app, string($app/@from)) else $app[not(ancestor::tei:listApp)]"/>
  </xsl:function>

  <!-- The block an entry is keyed to. -->
  <xsl:function name="te:app-block" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="te:app-place($app)/ancestor::*[self::tei:p or self::tei:ab or self::tei:head or self::tei:l or self::tei:lg or self::tei:item or self::tei:label
                          or self::tei:note or self::tei:signed or self::tei:closer or self::tei:sp or self::tei:cell or self::tei:div][1]"/>
  </xsl:function>

  <!-- How a block is named in the apparatus: "¶ 12" for a numbered paragraph, else its first words. -->
  <xsl:function name="te:block-label" as="xs:string">
    <xsl:param name="block" as="element()?"/>
    <xsl:variable name="n" select="replace(string($block/@xml:id), '^.*-p(\d+)$', '$1')"/>
    <xsl:variable name="words" select="tokenize(normalize-space(string-join($block//text()[not(ancestor::tei:corr or ancestor::tei:expan or ancestor::tei:rdg)][not(ancestor::tei:note except $block)], '')), ' ')"/>
    <xsl:sequence select="if ($block/self::tei:p and matches($n, '^\d+$')) then '¶ ' || $n
                          else if ($block/@n) then string($block/@n)
                          else string-join(subsequence($words, 1, 5), ' ') || (if (count($words) gt 5) then ' …' else '')"/>
  </xsl:function>

  <!-- The siglum of a witness pointer: the witness's @n, else its id (our "wit-A" is "A"). -->
  <xsl:function name="te:siglum" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="w" select="te:target($context, $pointer)"/>
    <xsl:sequence select="if ($w/@n) then string($w/@n) else replace(replace($pointer, '^#', ''), '^wit-', '')"/>
  </xsl:function>

  <xsl:function name="te:sigla" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($reading/@wit), ' ') ! te:siglum($reading, .), ' ')"/>
  </xsl:function>

  <!-- What an entry's class is called for readers. -->
  <xsl:function name="te:app-class" as="xs:string?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="if (te:app-emends($app)) then 'emended from ' || te:sigla($app/tei:lem)
                          else if ($app/@type = 'ocr') then (if ($app/@subtype = 'noise') then 'OCR noise' else 'OCR misreading') || ($app/@cert[. != 'high'] ! (', certainty ' || .))
                          else if ($app/@type = 'orthographic') then 'orthography'
                          else if ($app/@type = 'deletion') then 'struck text'
                          else if ($app/@type = 'excision') then 'excision'
                          else ()"/>
  </xsl:function>

  <!-- Does the document have entries' spans at all? (Asked once: otherwise every text node of the
       diplomatic view would ask the accumulator.) -->
  <xsl:variable name="te:open-apps" as="xs:boolean" select="exists(te:named('anchor', /))"/>

  <!-- The anchors of an entry's reading in another copy, or its span in the base copy. -->
  <xsl:accumulator name="te:open-app" as="xs:string" initial-value="''">
    <xsl:accumulator-rule match="tei:anchor[@type = ('app-start', 'rdg-start')]"
                          select="if (ends-with(@xml:id, '-at')) then $value else string(@corresp)"/>
    <xsl:accumulator-rule match="tei:anchor[@type = ('app-end', 'rdg-end')]" select="''"/>
  </xsl:accumulator>

  <!-- ==================================================== behaviours (rules.xsl gives them) -->

  <!-- Each behaviour to the format being written (as edition.xsl does for the others). -->
  <xsl:template name="te:variant-text"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:variant-text"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:variant-text"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:variant-end"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:variant-end"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:variant-end"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:app-ref"><xsl:param name="app" as="element()?" select="te:target(., string(@corresp))"/><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:app-ref"><xsl:with-param name="app" select="$app"/></xsl:call-template></xsl:when><xsl:otherwise><xsl:call-template name="htm:app-ref"><xsl:with-param name="app" select="$app"/></xsl:call-template></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:app-inline"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:app-inline"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:app-inline"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:emendation"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:emendation"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:emendation"/></xsl:otherwise></xsl:choose></xsl:template>

  <!-- A text of a copy inside an entry's span: marked in the diplomatic view (shown when asked). -->
  <xsl:template name="htm:variant-text">
    <xsl:variable name="app" select="te:target(., accumulator-before('te:open-app'))"/>
    <mark class="variant variant-{($app/@type, 'other')[1]}"><xsl:value-of select="."/></mark>
  </xsl:template>
  <xsl:template name="txt:variant-text"><xsl:value-of select="."/></xsl:template>

  <!-- The end of an entry's span in a copy, in the diplomatic view: a link to the entry (shown with the marks). -->
  <xsl:template name="htm:variant-end">
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="app" select="te:target(., string(@corresp))"/>
    <xsl:if test="$app">
      <a class="variant-ref" href="#{$prefix}{$app/@xml:id}">
        <xsl:if test="@type = 'app-end'"><xsl:attribute name="id" select="$prefix || 'ref-' || $app/@xml:id"/></xsl:if>
        <span class="sr-only">apparatus entry: </span><xsl:value-of select="(te:app-class($app), 'variant')[1]"/>
      </a>
    </xsl:if>
  </xsl:template>
  <xsl:template name="txt:variant-end"/>

  <!-- The end of an entry in the reading text: its letter, for a major entry. -->
  <xsl:template name="htm:app-ref">
    <xsl:param name="app" as="element()?"/>
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="letter" select="$app ! $te:app-letters(generate-id(.))"/>
    <xsl:if test="exists($letter)">
      <sup class="app-ref app-ref-{($app/@type, 'variant')[1]}"><a href="#{$prefix}{te:app-key($app)}" id="{$prefix}ref-{te:app-key($app)}"><span class="sr-only">apparatus entry </span><xsl:value-of select="$letter"/></a></sup>
    </xsl:if>
  </xsl:template>
  <xsl:template name="txt:app-ref">
    <xsl:param name="app" as="element()?"/>
    <xsl:sequence select="$app ! $te:app-letters(generate-id(.)) ! ('⟨' || . || '⟩')"/>
  </xsl:template>

  <xsl:function name="te:app-key" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="($app/@xml:id, 'app-' || generate-id($app))[1]"/>
  </xsl:function>

  <!-- An inline entry (parallel segmentation): the lemma, or the first reading, in the text; its letter. -->
  <xsl:template name="htm:app-inline">
    <xsl:apply-templates select="(tei:lem, tei:rdg)[1]/node()" mode="#current"/>
    <xsl:call-template name="htm:app-ref"><xsl:with-param name="app" select="."/></xsl:call-template>
  </xsl:template>
  <xsl:template name="txt:app-inline">
    <xsl:apply-templates select="(tei:lem, tei:rdg)[1]/node()" mode="#current"/>
    <xsl:call-template name="txt:app-ref"><xsl:with-param name="app" select="."/></xsl:call-template>
  </xsl:template>

  <!-- A correction the reading text takes from another copy: an editorial emendation. -->
  <xsl:template name="htm:emendation">
    <span class="emendation"><xsl:apply-templates mode="#current"/><span class="sr-only"> (emended from copy <xsl:value-of select="te:siglum(., string(@source))"/>)</span></span>
  </xsl:template>
  <xsl:template name="txt:emendation"><xsl:apply-templates mode="#current"/></xsl:template>

  <!-- ==================================================== the apparatus of a view -->

  <!-- Before the diplomatic text of a document in several copies: the switch that marks their differences. -->
  <xsl:template name="te:apparatus-controls">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:if test="$view = 'diplomatic' and exists($te:apps[@from])">
      <p class="variant-switch"><label><input type="checkbox" class="show-variants"/> Mark the differences between the copies (each links to its apparatus entry)</label></p>
    </xsl:if>
  </xsl:template>

  <!-- After the text of a view: the entries by block, major first, the others behind a control. -->
  <xsl:template name="te:apparatus">
    <xsl:param name="te:text" tunnel="yes" select="false()"/>
    <xsl:if test="exists($te:apps)">
      <xsl:choose>
        <xsl:when test="$te:text"><xsl:call-template name="txt:apparatus"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="htm:apparatus"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="htm:apparatus">
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:param name="view" as="xs:string" tunnel="yes" select="'normalized'"/>
    <section class="apparatus" aria-labelledby="{$prefix}apparatus-title">
      <h3 id="{$prefix}apparatus-title">Critical apparatus</h3>
      <xsl:for-each select="$te:apps/ancestor::tei:listApp[1]/tei:head">
        <p class="apparatus-note"><xsl:value-of select="normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:call-template name="htm:app-groups"><xsl:with-param name="apps" select="$te:major-apps"/></xsl:call-template>
      <xsl:variable name="minor" select="$te:apps except $te:major-apps"/>
      <xsl:if test="$minor">
        <details class="apparatus-minor">
          <summary>OCR misreadings, orthographic variants and differences in struck text (<xsl:value-of select="count($minor)"/>)</summary>
          <xsl:call-template name="htm:app-groups"><xsl:with-param name="apps" select="$minor"/></xsl:call-template>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="htm:app-groups">
    <xsl:param name="apps" as="element()*"/>
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:if test="$apps">
      <dl class="app-groups">
        <xsl:for-each-group select="$apps" group-adjacent="generate-id(te:app-block(.))">
          <xsl:variable name="block" select="te:app-block(.)"/>
          <dt>
            <xsl:choose>
              <xsl:when test="$block/@xml:id"><a href="#{$prefix}{$block/@xml:id}"><xsl:value-of select="te:block-label($block)"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="te:block-label($block)"/></xsl:otherwise>
            </xsl:choose>
          </dt>
          <dd>
            <ul class="apps">
              <xsl:for-each select="current-group()">
                <xsl:call-template name="htm:app-entry"/>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:for-each-group>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- One entry: its letter, the lemma (as the reading text reads it) ] each reading (as its copy has it) with its sigla. -->
  <xsl:template name="htm:app-entry">
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="letter" select="$te:app-letters(generate-id(.))"/>
    <xsl:variable name="struck" select="@type = 'deletion'"/>
    <li class="app app-{(@type, 'variant')[1]}" id="{$prefix}{te:app-key(.)}">
      <xsl:if test="exists($letter)"><a class="app-back" href="#{$prefix}ref-{te:app-key(.)}"><span class="sr-only">back to the text, entry </span><xsl:value-of select="$letter"/></a><xsl:text> </xsl:text></xsl:if>
      <span class="lem">
        <xsl:call-template name="te:reading-html"><xsl:with-param name="r" select="tei:lem"/><xsl:with-param name="struck" select="$struck"/><xsl:with-param name="read" select="true()"/></xsl:call-template>
      </span>
      <xsl:for-each select="tei:lem[@wit]"><xsl:text> </xsl:text><span class="siglum"><xsl:value-of select="te:sigla(.)"/></span></xsl:for-each>
      <xsl:text> ] </xsl:text>
      <xsl:for-each select="tei:rdg">
        <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
        <span class="rdg">
          <xsl:call-template name="te:reading-html"><xsl:with-param name="r" select="."/><xsl:with-param name="struck" select="$struck"/><xsl:with-param name="read" select="false()"/></xsl:call-template>
        </span>
        <xsl:text> </xsl:text><span class="siglum"><xsl:value-of select="te:sigla(.)"/></span>
      </xsl:for-each>
      <xsl:for-each select="te:app-class(.)"><xsl:text> </xsl:text><span class="app-class">(<xsl:value-of select="."/>)</span></xsl:for-each>
    </li>
  </xsl:template>

  <!-- A lemma or reading: read (corrections made) or as written; struck text shown struck. "om." when empty. -->
  <xsl:template name="te:reading-html">
    <xsl:param name="r" as="element()?"/>
    <xsl:param name="struck" as="xs:boolean"/>
    <xsl:param name="read" as="xs:boolean"/>
    <xsl:choose>
      <xsl:when test="not($r) or (not($r/*) and normalize-space($r) = '')"><i>om.</i></xsl:when>
      <xsl:when test="$read and not($struck) and normalize-space(string-join($r//text()[not(ancestor::tei:del or ancestor::tei:abbr[@type = 'quote'])])) != ''">
        <xsl:apply-templates select="$r/node()" mode="te:normalized"><xsl:with-param name="view" select="'normalized'" tunnel="yes"/></xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$r/node()" mode="te:diplomatic"><xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/></xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================== the apparatus in plain text -->

  <xsl:template name="txt:apparatus">
    <xsl:sequence select="$PARA, 'Critical apparatus', $PARA"/>
    <xsl:for-each select="$te:apps/ancestor::tei:listApp[1]/tei:head">
      <xsl:sequence select="normalize-space(.), $PARA"/>
    </xsl:for-each>
    <xsl:call-template name="txt:app-groups"><xsl:with-param name="apps" select="$te:major-apps"/></xsl:call-template>
    <xsl:variable name="minor" select="$te:apps except $te:major-apps"/>
    <xsl:if test="$minor">
      <xsl:sequence select="$PARA, 'OCR misreadings, orthographic variants and differences in struck text', $PARA"/>
      <xsl:call-template name="txt:app-groups"><xsl:with-param name="apps" select="$minor"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="txt:app-groups">
    <xsl:param name="apps" as="element()*"/>
    <xsl:for-each-group select="$apps" group-adjacent="generate-id(te:app-block(.))">
      <xsl:sequence select="te:block-label(te:app-block(.)), $LB"/>
      <xsl:for-each select="current-group()">
        <xsl:variable name="letter" select="$te:app-letters(generate-id(.))"/>
        <xsl:variable name="struck" select="@type = 'deletion'"/>
        <xsl:sequence select="'  ', $letter ! ('⟨' || . || '⟩ ')"/>
        <xsl:call-template name="txt:reading"><xsl:with-param name="r" select="tei:lem"/><xsl:with-param name="struck" select="$struck"/><xsl:with-param name="read" select="true()"/></xsl:call-template>
        <xsl:sequence select="tei:lem[@wit] ! (' ' || te:sigla(.)), ' ] '"/>
        <xsl:for-each select="tei:rdg">
          <xsl:if test="position() gt 1"><xsl:sequence select="'; '"/></xsl:if>
          <xsl:call-template name="txt:reading"><xsl:with-param name="r" select="."/><xsl:with-param name="struck" select="$struck"/><xsl:with-param name="read" select="false()"/></xsl:call-template>
          <xsl:sequence select="' ' || te:sigla(.)"/>
        </xsl:for-each>
        <xsl:sequence select="te:app-class(.) ! (' (' || . || ')'), $LB"/>
      </xsl:for-each>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template name="txt:reading">
    <xsl:param name="r" as="element()?"/>
    <xsl:param name="struck" as="xs:boolean"/>
    <xsl:param name="read" as="xs:boolean"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:choose>
        <xsl:when test="$read and not($struck)">
          <xsl:apply-templates select="$r/node()" mode="te:normalized"><xsl:with-param name="view" select="'normalized'" tunnel="yes"/></xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$r/node()" mode="te:diplomatic"><xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/></xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="s" select="normalize-space(string-join($parts))"/>
    <xsl:choose>
      <xsl:when test="$s = '' and $read and not($struck) and $r/node()">
        <!-- Nothing the reading text reads (a telegraphic quotation mark): as written. -->
        <xsl:call-template name="txt:reading"><xsl:with-param name="r" select="$r"/><xsl:with-param name="struck" select="true()"/><xsl:with-param name="read" select="false()"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="if ($s = '') then 'om.' else $s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==================================================== the excision ledger -->

  <!-- What each copy withholds that the base copy has: the words as the reading text reads them, the extent as FRUS words it. -->
  <xsl:template name="htm:ledger">
    <xsl:param name="name" as="xs:string" select="$name"/>
    <xsl:variable name="excisions" select="$te:apps[@type = 'excision']"/>
    <xsl:if test="$excisions">
      <section class="ledger" aria-labelledby="ledger-title">
        <h2 id="ledger-title">Excision ledger</h2>
        <table>
          <caption>What each copy withholds that the base copy has</caption>
          <thead><tr><th scope="col">Copy</th><th scope="col">Withheld</th><th scope="col">Extent</th></tr></thead>
          <tbody>
            <xsl:for-each select="$excisions">
              <xsl:variable name="rdg" select="tei:rdg[1]"/>
              <xsl:variable name="w" select="te:target(., string($rdg/@wit))"/>
              <tr>
                <td><xsl:value-of select="te:sigla($rdg)"/><xsl:if test="$w">: <xsl:value-of select="normalize-space($w)"/></xsl:if></td>
                <td><xsl:apply-templates select="tei:lem/node()" mode="te:normalized"><xsl:with-param name="view" select="'normalized'" tunnel="yes"/><xsl:with-param name="prefix" select="'l-'" tunnel="yes"/></xsl:apply-templates></td>
                <td><xsl:value-of select="($rdg//tei:gap[@reason = 'excised'])[1] ! te:excision-text(.)"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <p class="ledger-data"><a href="../data/{$name}.excisions.json">The ledger as data (JSON)</a></p>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
