<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: the stylesheet of the outputs, compiled once (dist/xslt/edition.sef.json) and run once
  per document. Its principal result is the HTML page (html.xsl); the plain texts of the two views
  (text.xsl) are secondary results (xsl:result-document diplomatic.txt and normalized.txt).

  Every output renders the document with the one table of rules.xsl (modes te:diplomatic and
  te:normalized). A rule calls the named template of its behaviour (te:deletion, …); the templates
  below send it to the format being written: the text's (txt:) while a text is written (tunnel
  parameter te:text), the page's (htm:) otherwise.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:te="urn:tei-edition:xslt"
                xmlns:htm="urn:tei-edition:xslt:html"
                xmlns:txt="urn:tei-edition:xslt:text"
                exclude-result-prefixes="#all">

  <xsl:include href="rules.xsl"/>
  <xsl:include href="html.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="shell.xsl"/>
  <xsl:include href="facsimile.xsl"/>
  <xsl:include href="apparatus.xsl"/>

  <xsl:mode use-accumulators="#all"/>

  <xsl:template match="/">
    <xsl:variable name="doc" select="."/>
    <xsl:call-template name="htm:page"/>
    <xsl:for-each select="'diplomatic', 'normalized'">
      <xsl:variable name="view" select="."/>
      <xsl:for-each select="$doc">
        <xsl:result-document href="{$view}.txt" format="te:text">
          <xsl:call-template name="txt:document">
            <xsl:with-param name="view" select="$view" tunnel="yes"/>
            <xsl:with-param name="te:text" select="true()" tunnel="yes"/>
          </xsl:call-template>
        </xsl:result-document>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- The behaviours, each to the format being written. -->
  <xsl:template name="te:acronym"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:acronym"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:acronym"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:term"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:term"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:term"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:admin"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:admin"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:admin"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:block"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:block"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:block"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:graphic"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:graphic"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:graphic"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:bold"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:bold"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:bold"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:bracketed"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:bracketed"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:bracketed"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:caption"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:caption"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:caption"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:closer"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:closer"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:closer"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:content"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:content"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:content"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:dateline"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:dateline"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:dateline"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:deletion"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:deletion"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:deletion"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:excision"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:excision"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:excision"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:footnote"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:footnote"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:footnote"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:furniture"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:furniture"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:furniture"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:gap"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:gap"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:gap"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:hand"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:hand"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:hand"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:heading"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:heading"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:heading"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:insertion"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:insertion"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:insertion"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:italic"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:italic"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:italic"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:item"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:item"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:item"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:line-break"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:line-break"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:line-break"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:list"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:list"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:list"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:list-head"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:list-head"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:list-head"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:name"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:name"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:name"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:page-break"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:page-break"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:page-break"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:paragraph"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:paragraph"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:paragraph"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:quote"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:quote"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:quote"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:signed"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:signed"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:signed"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:space"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:space"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:space"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:stamp"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:stamp"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:stamp"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:witness"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:witness"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:witness"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:witness-intro"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:witness-intro"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:witness-intro"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:section"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:section"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:section"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:table"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:table"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:table"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:row"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:row"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:row"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:cell"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:cell"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:cell"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:register"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:register"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:register"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:entry"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:entry"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:entry"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:field"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:field"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:field"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:manuscript"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:manuscript"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:manuscript"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:ms-section"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:ms-section"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:ms-section"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:line"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:line"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:line"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:zone"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:zone"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:zone"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:speaker"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:speaker"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:speaker"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:stage"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:stage"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:stage"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:inline-note"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:inline-note"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:inline-note"/></xsl:otherwise></xsl:choose></xsl:template>
  <xsl:template name="te:separate"><xsl:param name="te:text" tunnel="yes" select="false()"/><xsl:choose><xsl:when test="$te:text"><xsl:call-template name="txt:separate"/></xsl:when><xsl:otherwise><xsl:call-template name="htm:separate"/></xsl:otherwise></xsl:choose></xsl:template>
</xsl:stylesheet>
