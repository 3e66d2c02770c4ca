<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: the page shell of every page of the edition site, document pages (html.xsl, through
  edition.xsl) and site pages (site.xsl) alike: the head, the skip link, the one header (the edition's
  title and its navigation), the footer (the rights), the scripts. A page gives its own head entries
  (metadata) and content (its landmarks: main, regions); nothing else of a page is written twice.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:htm="urn:tei-edition:xslt:html"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="#all">

  <!-- The site's pages, in the navigation's order (site.xsl writes them; the sitemap lists them). -->
  <xsl:variable name="htm:pages" as="map(xs:string, xs:string)+"
                select="(map { 'file': 'index.html', 'label': 'Documents' },
                         map { 'file': 'persons.html', 'label': 'Persons' },
                         map { 'file': 'abbreviations.html', 'label': 'Abbreviations' },
                         map { 'file': 'interventions.html', 'label': 'Editorial interventions' },
                         map { 'file': 'search.html', 'label': 'Search' },
                         map { 'file': 'conventions.html', 'label': 'Conventions' })"/>

  <!--
    A page. $root: the way from the page to the site's root ('' for the site's pages, '../' for the
    document pages in html/); $assets: the way to edition.css. $current: the page's file among
    $htm:pages, if it is one. $title: the page's own title (the tab shows it with the edition's).
  -->
  <xsl:template name="htm:shell">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="edition-title" as="xs:string"/>
    <xsl:param name="root" as="xs:string" select="''"/>
    <xsl:param name="assets" as="xs:string" select="$root || 'html/'"/>
    <xsl:param name="current" as="xs:string?" select="()"/>
    <xsl:param name="page-class" as="xs:string"/>
    <xsl:param name="skip-to" as="xs:string" select="'main'"/>
    <xsl:param name="skip-label" as="xs:string" select="'Skip to the content'"/>
    <xsl:param name="head" as="node()*" select="()"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="rights" as="xs:string*"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="if ($title = $edition-title) then $title else $title || ' — ' || $edition-title"/></title>
        <link rel="stylesheet" href="{$assets}edition.css"/>
        <xsl:sequence select="$head"/>
      </head>
      <body class="{$page-class}">
        <a class="skip-link" href="#{$skip-to}"><xsl:value-of select="$skip-label"/></a>
        <header class="site-header">
          <p class="edition-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <xsl:for-each select="$htm:pages">
                <li><a href="{$root}{?file}"><xsl:if test="?file = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if><xsl:value-of select="?label"/></a></li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <xsl:sequence select="$content"/>
        <footer class="doc-footer">
          <xsl:for-each select="$rights"><p><xsl:value-of select="."/></p></xsl:for-each>
        </footer>
        <xsl:for-each select="$scripts"><script src="{.}"></script></xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <!-- A JSON string (for JSON-LD written member by member, in a fixed order: the same bytes every time). -->
  <xsl:function name="htm:json" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="serialize($s, map { 'method': 'json' })"/>
  </xsl:function>

  <!-- A JSON object of members ('"key":value' strings, in their order). -->
  <xsl:function name="htm:json-object" as="xs:string">
    <xsl:param name="members" as="xs:string*"/>
    <xsl:sequence select="'{' || string-join($members, ',') || '}'"/>
  </xsl:function>

  <!-- A member of a JSON object: the key, and the value as JSON already. -->
  <xsl:function name="htm:member" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="json" as="xs:string"/>
    <xsl:sequence select="htm:json($key) || ':' || $json"/>
  </xsl:function>

  <!--
    A schema.org JSON-LD script of the object. Its &, < and > are written as JSON escapes (\u0026…):
    the serializer would write them as HTML entities, which a script's text does not decode, and a
    "</script>" in the data would end the script.
  -->
  <xsl:function name="htm:json-ld" as="element()">
    <xsl:param name="members" as="xs:string*"/>
    <xsl:variable name="json" select="htm:json-object(('&quot;@context&quot;:&quot;https://schema.org&quot;', $members))"/>
    <script type="application/ld+json"><xsl:value-of select="$json => replace('&amp;', '\\u0026') => replace('&lt;', '\\u003c') => replace('&gt;', '\\u003e')"/></script>
  </xsl:function>
</xsl:stylesheet>
