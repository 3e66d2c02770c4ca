<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: plain-text output of the diplomatic or the normalized edition.
  What each element does in each view is decided in rules.xsl; edition.xsl includes
  this module and calls it; this module only says how each
  behaviour is written in plain text.

  Signs of the diplomatic text (docs/editions.md, "Plain-text signs"):
    [-deleted-]     deleted text          \inserted/    inserted above the line
    {handwritten}   another hand          [bracketed]   bracketed in the source
    [excised]       an excision (FRUS wording with its extent where known)
    [Page 2]        a page break          [1]           a note, listed at the end

  Layout: text is gathered with two private-use marks, then whitespace is settled once: any run
  of white space becomes one space, a line mark a line break, a block mark a blank line.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:te="urn:tei-edition:xslt"
                xmlns:txt="urn:tei-edition:xslt:text"
                exclude-result-prefixes="#all">

  <xsl:output name="te:text" method="text" encoding="UTF-8"/>

  <xsl:variable name="LB" select="'&#xE000;'"/>
  <xsl:variable name="PARA" select="'&#xE001;'"/>

  <!-- The text of one view ($view: diplomatic or normalized). -->
  <xsl:template name="txt:document">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:variable name="raw" as="xs:string*">
      <xsl:sequence select="$te:title, $LB"/>
      <xsl:sequence select="$te:date ! (., $LB)"/>
      <xsl:sequence select="if ($view = 'diplomatic') then 'Diplomatic edition' else 'Reading edition (normalized)'"/>
      <xsl:variable name="witnesses" select="$te:witnesses"/>
      <xsl:if test="count($witnesses) gt 1 and $view != 'diplomatic'">
        <xsl:sequence select="$LB, 'The reading text follows copy ', te:witness-siglum($witnesses[1]), ' (', te:witness-label($witnesses[1]), '); the diplomatic edition has every copy.'"/>
      </xsl:if>
      <xsl:sequence select="$PARA"/>
      <xsl:choose>
        <xsl:when test="not($te:views-differ)"><xsl:sequence select="$txt:one-text"/></xsl:when>
        <xsl:when test="$view = 'diplomatic'">
          <xsl:apply-templates select="$te:text-root" mode="te:diplomatic">
            <xsl:with-param name="view" select="$view" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="$te:text-root" mode="te:normalized">
            <xsl:with-param name="view" select="$view" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="txt:notes"/>
      <!-- A document without text (a manuscript's record): the manuscript description is its text. -->
      <xsl:apply-templates select="$te:header[1]/tei:fileDesc/tei:sourceDesc/tei:msDesc[$te:text-empty]" mode="te:diplomatic">
        <xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:call-template name="te:apparatus"/>
      <xsl:variable name="acronyms" select="te:view-acronyms($view)"/>
      <xsl:if test="$acronyms">
        <xsl:sequence select="$PARA, if ($acronyms/self::tei:gloss) then 'Abbreviations and terms' else 'Abbreviations', $PARA"/>
        <xsl:for-each select="$acronyms">
          <xsl:sequence select="te:abbr-form(.), ': ', te:abbr-meaning(.), $LB"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:if test="$view != 'diplomatic'">
        <xsl:variable name="stamps" select="$te:stamps"/>
        <xsl:if test="$stamps">
          <xsl:sequence select="$PARA, 'Stamps and markings', $PARA"/>
          <xsl:for-each select="$stamps">
            <xsl:variable name="lines" as="xs:string*">
              <xsl:apply-templates mode="te:diplomatic">
                <xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:variable>
            <xsl:sequence select="'- ', $lines, $PARA"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:if>
    </xsl:variable>
    <xsl:value-of select="te:settle(string-join($raw))"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The text rendered once, where the views cannot differ (rules.xsl te:views-differ). -->
  <xsl:variable name="txt:one-text" as="xs:string*">
    <xsl:if test="not($te:views-differ)">
      <xsl:apply-templates select="$te:text-root" mode="te:diplomatic">
        <xsl:with-param name="view" select="'diplomatic'" tunnel="yes"/>
        <xsl:with-param name="te:text" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:variable>

  <!-- Whitespace, settled once for the whole text. -->
  <xsl:function name="te:settle" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="spaced" select="replace($s, '\s+', ' ')"/>
    <xsl:variable name="blocks" select="replace($spaced, ' *(&#xE001; *)+', '&#10;&#10;')"/>
    <xsl:variable name="lines" select="replace($blocks, '\n?[ ]*&#xE000;[ ]*', '&#10;')"/>
    <xsl:sequence select="replace(replace($lines, '^\s+|\s+$', ''), '\n{3,}', '&#10;&#10;')"/>
  </xsl:function>


  <!-- ==================================================== the behaviours, in plain text -->
  <!-- Each is called by the rule of rules.xsl that gives an element its behaviour in a view; the
       content is rendered in the same view (mode #current). -->

  <xsl:template name="txt:content"><xsl:apply-templates mode="#current"/></xsl:template>
  <xsl:template name="txt:name"><xsl:apply-templates mode="#current"/></xsl:template>
  <xsl:template name="txt:bold"><xsl:apply-templates mode="#current"/></xsl:template>
  <xsl:template name="txt:italic"><xsl:apply-templates mode="#current"/></xsl:template>
  <xsl:template name="txt:acronym"><xsl:apply-templates mode="#current"/></xsl:template>
  <xsl:template name="txt:term"><xsl:apply-templates mode="#current"/></xsl:template>
  <!-- An image: its figure's words (head, figDesc) are the text's; the image itself is not. -->
  <xsl:template name="txt:graphic"><xsl:apply-templates select="tei:desc" mode="#current"/></xsl:template>

  <xsl:template name="txt:witness">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:if test="$view = 'diplomatic' and count(../tei:div[@type = 'witness']) gt 1">
      <xsl:sequence select="$PARA, '=== Copy ', te:witness-siglum(.), ': ', te:witness-label(.), ' ===', $PARA"/>
    </xsl:if>
    <xsl:apply-templates mode="#current"/>
  </xsl:template>

  <xsl:template name="txt:paragraph">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:sequence select="$PARA"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="$view != 'diplomatic' and @next">
      <xsl:variable name="p" select="."/>
      <xsl:for-each select="te:continuations(.)">
        <xsl:sequence select="' '"/>
        <xsl:sequence select="te:breaks-between($p, .) ! (te:page-text(.), ' ')"/>
        <xsl:apply-templates mode="#current"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:sequence select="$PARA"/>
  </xsl:template>

  <!-- Blocks: a blank line before and after. -->
  <xsl:template name="txt:heading"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:witness-intro"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:block"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:caption"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:dateline"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:closer"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:signed"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:admin"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:list"><xsl:call-template name="txt:text-block"/></xsl:template>
  <xsl:template name="txt:text-block">
    <xsl:sequence select="$PARA"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$PARA"/>
  </xsl:template>

  <xsl:template name="txt:list-head">
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <!-- An item on a line of its own; a gloss list's label before its item, on the same line. -->
  <xsl:template name="txt:item">
    <xsl:if test="self::tei:item and te:list-kind(..) = ('simple', 'ordered')"><xsl:sequence select="$LB"/></xsl:if>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="if (self::tei:label) then ' ' else $LB"/>
  </xsl:template>

  <!-- ==================================================== several texts, tables, registers, manuscripts, lines, drama -->

  <xsl:template name="txt:separate">
    <xsl:if test="preceding-sibling::node()[1][self::*]"><xsl:sequence select="' '"/></xsl:if>
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="following-sibling::node()[1][self::*]"><xsl:sequence select="' '"/></xsl:if>
  </xsl:template>

  <xsl:template name="txt:section">
    <xsl:sequence select="$PARA, te:section-title(.) ! ('== ', ., ' ==', $PARA)"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$PARA"/>
  </xsl:template>

  <!-- A table: its caption, then a row a line, the cells parted by " | ". -->
  <xsl:template name="txt:table">
    <xsl:sequence select="$PARA"/>
    <xsl:apply-templates select="*[not(self::tei:head or self::tei:row)]" mode="#current"/>
    <xsl:for-each select="tei:head"><xsl:apply-templates mode="#current"/><xsl:sequence select="$LB"/></xsl:for-each>
    <xsl:apply-templates select="tei:row" mode="#current"/>
    <xsl:sequence select="$PARA"/>
  </xsl:template>
  <xsl:template name="txt:row">
    <xsl:apply-templates select="tei:cell" mode="#current"/>
    <xsl:sequence select="$LB"/>
  </xsl:template>
  <xsl:template name="txt:cell">
    <xsl:apply-templates mode="#current"/>
    <xsl:if test="following-sibling::tei:cell"><xsl:sequence select="' | '"/></xsl:if>
  </xsl:template>

  <!-- A register: its heading, then an entry a line, its fields labelled ("born: …"). -->
  <xsl:template name="txt:register">
    <xsl:sequence select="$PARA"/>
    <xsl:choose>
      <xsl:when test="tei:head"><xsl:apply-templates select="tei:head/node()" mode="#current"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="te:register-title(.)"/></xsl:otherwise>
    </xsl:choose>
    <xsl:sequence select="$PARA"/>
    <xsl:apply-templates select="node()[not(self::tei:head)]" mode="#current"/>
    <xsl:sequence select="$PARA"/>
  </xsl:template>
  <xsl:template name="txt:entry">
    <xsl:sequence select="$LB"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$LB"/>
  </xsl:template>
  <xsl:template name="txt:field">
    <xsl:variable name="label" select="if (parent::tei:bibl or parent::tei:biblStruct or parent::tei:biblFull) then '' else te:field-label(.)"/>
    <xsl:variable name="content" as="xs:string*">
      <xsl:choose>
        <xsl:when test="self::tei:msIdentifier or self::tei:altIdentifier">
          <xsl:for-each select="*"><xsl:if test="position() gt 1"><xsl:sequence select="', '"/></xsl:if><xsl:apply-templates select="." mode="#current"/></xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="#current"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="block" select="exists(ancestor::tei:msDesc)"/>
    <xsl:sequence select="if ($block) then $LB else ' ', if ($label) then (upper-case(substring($label, 1, 1)) || substring($label, 2) || ': ') else (), $content, if ($block) then $LB else ' '"/>
  </xsl:template>

  <xsl:template name="txt:manuscript">
    <xsl:sequence select="$PARA, 'Manuscript description', tei:msIdentifier/tei:idno[1] ! (': ' || normalize-space(.)), $PARA"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$PARA"/>
  </xsl:template>
  <xsl:template name="txt:ms-section">
    <xsl:variable name="label" select="te:field-label(.)"/>
    <xsl:sequence select="$PARA, upper-case(substring($label, 1, 1)) || substring($label, 2), @n ! (' ' || .), $PARA"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$PARA"/>
  </xsl:template>

  <!-- A line (of verse, of a page) a line of text; a zone of a page a block. -->
  <xsl:template name="txt:line">
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$LB"/>
  </xsl:template>
  <xsl:template name="txt:zone"><xsl:call-template name="txt:text-block"/></xsl:template>

  <xsl:template name="txt:speaker">
    <xsl:sequence select="$PARA"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="$LB"/>
  </xsl:template>
  <xsl:template name="txt:stage">
    <xsl:variable name="inline" select="exists(parent::tei:p | parent::tei:l | parent::tei:ab | parent::tei:speaker | parent::tei:line)"/>
    <xsl:sequence select="if ($inline) then ' ' else $PARA"/>
    <xsl:apply-templates mode="#current"/>
    <xsl:sequence select="if ($inline) then ' ' else $PARA"/>
  </xsl:template>

  <xsl:template name="txt:inline-note">
    <xsl:sequence select="' ['"/><xsl:apply-templates mode="#current"/><xsl:sequence select="'] '"/>
  </xsl:template>

  <xsl:template name="txt:line-break">
    <xsl:sequence select="$LB"/>
  </xsl:template>

  <xsl:template name="txt:space">
    <xsl:sequence select="' '"/>
  </xsl:template>

  <xsl:template name="txt:page-break">
    <xsl:sequence select="if (te:standalone(.)) then ($PARA, te:page-text(.), $PARA) else (' ', te:page-text(.), ' ')"/>
  </xsl:template>

  <xsl:template name="txt:furniture"><xsl:call-template name="txt:text-marking"/></xsl:template>
  <xsl:template name="txt:stamp"><xsl:call-template name="txt:text-marking"/></xsl:template>
  <xsl:template name="txt:text-marking">
    <xsl:variable name="content" as="xs:string*"><xsl:apply-templates mode="#current"/></xsl:variable>
    <xsl:sequence select="if (te:standalone(.)) then ($PARA, $content, $PARA) else (' ', $content, ' ')"/>
  </xsl:template>

  <xsl:template name="txt:footnote">
    <xsl:sequence select="concat('[', te:note-number(.), ']')"/>
  </xsl:template>

  <xsl:template name="txt:deletion">
    <xsl:sequence select="'[-'"/><xsl:apply-templates mode="#current"/><xsl:sequence select="'-]'"/>
  </xsl:template>

  <xsl:template name="txt:insertion">
    <xsl:sequence select="'\'"/><xsl:apply-templates mode="#current"/><xsl:sequence select="'/'"/>
  </xsl:template>

  <xsl:template name="txt:hand">
    <xsl:sequence select="'{'"/><xsl:apply-templates mode="#current"/><xsl:sequence select="'}'"/>
  </xsl:template>

  <xsl:template name="txt:bracketed">
    <xsl:sequence select="'['"/><xsl:apply-templates mode="#current"/><xsl:sequence select="']'"/>
  </xsl:template>

  <xsl:template name="txt:quote">
    <xsl:sequence select="'“'"/><xsl:apply-templates mode="#current"/><xsl:sequence select="'”'"/>
  </xsl:template>

  <xsl:template name="txt:excision">
    <xsl:sequence select="te:excision-text(.)"/>
  </xsl:template>

  <xsl:template name="txt:gap">
    <xsl:sequence select="te:gap-text(.)"/>
  </xsl:template>

  <!-- The notes, numbered, after the text. -->
  <xsl:template name="txt:notes">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:variable name="notes" select="te:view-notes($view)"/>
    <xsl:if test="$notes">
      <xsl:sequence select="$PARA, 'Notes', $PARA"/>
      <xsl:for-each select="$notes">
        <xsl:sequence select="concat('[', te:note-number(.), '] ')"/>
        <xsl:choose>
          <xsl:when test="$view = 'diplomatic'">
            <xsl:apply-templates mode="te:diplomatic">
              <xsl:with-param name="view" select="$view" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates mode="te:normalized">
              <xsl:with-param name="view" select="$view" tunnel="yes"/>
            </xsl:apply-templates>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:sequence select="$PARA"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
