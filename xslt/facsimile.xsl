<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-edition: page images (facsimiles) on the document page. Included by edition.xsl; html.xsl
  calls three templates: facs:head (style and script),
  facs:view (at the start of each view) and facs:page (at each page break).

  What is shown: every pb/@facs (a pointer to a surface, a zone or a graphic, or an image URL),
  beside the text of its page in the diplomatic view; every facsimile/sourceDoc surface or
  graphic that no page break points to, before the text; in the reading view all of them behind
  a control (details). Each is a plain img with alt text, linked to the image (what readers without
  JavaScript get); facsimile.js adds a zoomable viewer (OpenSeadragon) behind a button. An image
  URL ending in /info.json is a IIIF image service: the viewer tiles it, the img asks the service
  for a size that fits. Alt text: the graphic's (or surface's, zone's) desc, else its label, else
  "Page N of <title>".

  Relative URLs: as they stand (our own TEI points from editions/tei/ to ../images/, which is the
  same from editions/html/), or, when the caller gives the TEI's URI and the page's (render of a
  TEI file of any origin), resolved against the TEI file (xml:base too) and made relative to the page.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:tei="http://www.tei-c.org/ns/1.0"
                xmlns:te="urn:tei-edition:xslt"
                xmlns:facs="urn:tei-edition:xslt:facsimile"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="#all">

  <!-- The absolute URI of the TEI file and of the HTML page (both, or neither). -->
  <xsl:param name="facs-base" as="xs:string" select="''"/>
  <xsl:param name="facs-page" as="xs:string" select="''"/>

  <xsl:key name="facs:id" match="*[@xml:id]" use="@xml:id"/>

  <!-- facsimile and sourceDoc are children of TEI (in a teiCorpus too): no search of the whole tree. -->
  <xsl:variable name="facs:resources" as="element()*" select="(/*, /*/tei:TEI)/(tei:facsimile | tei:sourceDoc)"/>
  <!--
    The page breaks that point to images, and the images no page break shows: searched for only in a
    document with a facsimile or sourceDoc (a search of the whole tree costs in SaxonJS about as much
    as the page). Elsewhere a pb/@facs still shows its image where it stands (facs:page).
  -->
  <xsl:variable name="facs:breaks" as="element()*" select="if (exists($facs:resources)) then //tei:pb[@facs] else ()"/>
  <xsl:variable name="facs:shown" as="element()*" select="$facs:breaks ! facs:targets(.)"/>
  <xsl:variable name="facs:apart" as="element()*"
                select="($facs:resources/self::tei:facsimile/(tei:surface | tei:surfaceGrp//tei:surface | tei:graphic), $facs:resources/self::tei:sourceDoc//tei:surface)[self::tei:graphic or tei:graphic]
                        [not(. intersect $facs:shown or .//* intersect $facs:shown or ancestor::* intersect $facs:shown)]"/>

  <!-- ==================================================== hooks called by html.xsl -->

  <!--
    In the head: the style and the script, where the page's other assets are ($assets, html.xsl), on
    every page: to know whether a page has images would cost a search of the whole document (in
    SaxonJS as much as the rest of the page). The script loads OpenSeadragon only on a page with images.
  -->
  <xsl:template name="facs:head">
    <link rel="stylesheet" href="{$assets}facsimile.css"/>
    <script src="{$assets}facsimile.js" defer="defer"></script>
  </xsl:template>

  <!-- At the start of a view: the images no page break shows (diplomatic), or all of them behind a control (reading text). -->
  <xsl:template name="facs:view">
    <xsl:param name="view" as="xs:string" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$view = 'diplomatic'">
        <xsl:if test="$facs:apart">
          <section class="facs-apart" aria-labelledby="facs-apart-title">
            <h3 id="facs-apart-title">Page images</h3>
            <xsl:for-each select="$facs:apart">
              <xsl:sequence select="facs:figure(facs:images(.), 'a-' || position() || '-')"/>
            </xsl:for-each>
          </section>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="all" as="map(*)*" select="($facs:breaks ! facs:images(.), $facs:apart ! facs:images(.))"/>
        <xsl:if test="exists($all)">
          <details class="facs-pages">
            <summary>Page images (<xsl:value-of select="count($all)"/>)</summary>
            <xsl:for-each select="$all">
              <xsl:sequence select="facs:figure(., 'n-' || position() || '-')"/>
            </xsl:for-each>
          </details>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- At a page break of the diplomatic view: its image(s), beside the page's text. -->
  <xsl:template name="facs:page">
    <xsl:param name="view" as="xs:string" tunnel="yes" select="'diplomatic'"/>
    <xsl:if test="$view = 'diplomatic' and @facs">
      <!-- Ids the same at every build (generate-id() is not): the page break's place in the tree. -->
      <xsl:sequence select="facs:figure(facs:images(.), 'p-' || string-join(ancestor-or-self::* ! string(count(preceding-sibling::*) + 1), '-') || '-')"/>
    </xsl:if>
  </xsl:template>

  <!-- ==================================================== images -->

  <!-- What a pb/@facs points to: surfaces, zones, graphics of this document. -->
  <xsl:function name="facs:targets" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($e/@facs), ' ')[starts-with(., '#')] ! key('facs:id', substring(., 2), root($e))"/>
  </xsl:function>

  <!--
    The images of a page break, surface, zone or graphic: maps of src (for the img), iiif (an
    info.json, or ''), href (the image itself), alt, label and zone ('x,y,w,h' as fractions of the
    image, or '').
  -->
  <xsl:function name="facs:images" as="map(*)*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="label" select="if ($e/self::tei:pb/@n) then 'Page ' || $e/@n else facs:images-label($e)"/>
    <xsl:choose>
      <xsl:when test="$e/self::tei:pb">
        <xsl:for-each select="tokenize(normalize-space($e/@facs), ' ')">
          <xsl:choose>
            <xsl:when test="starts-with(., '#')">
              <xsl:for-each select="key('facs:id', substring(., 2), root($e))">
                <xsl:sequence select="facs:of(., $label)"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:sequence select="facs:image($e, ., $label, ())"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="facs:of($e, $label)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The caption of a surface, zone or graphic: its surface's label, else its number. -->
  <xsl:function name="facs:images-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="surface" select="$e/ancestor-or-self::tei:surface[1]"/>
    <xsl:sequence select="
      if ($surface/tei:label[normalize-space()]) then normalize-space($surface/tei:label[normalize-space()][1])
      else if ($surface/@n) then 'Page ' || $surface/@n
      else 'Page image'"/>
  </xsl:function>

  <xsl:function name="facs:of" as="map(*)*">
    <xsl:param name="t" as="element()"/>
    <xsl:param name="given" as="xs:string"/>
    <!-- A page break without a number: the caption of what it points to. -->
    <xsl:variable name="label" select="if ($given = 'Page image') then facs:images-label($t) else $given"/>
    <xsl:choose>
      <xsl:when test="$t/self::tei:graphic">
        <xsl:sequence select="facs:image($t, $t/@url, $label, $t)"/>
      </xsl:when>
      <xsl:when test="$t/self::tei:surface">
        <xsl:variable name="g" select="$t/tei:graphic[@url][1]"/>
        <xsl:if test="$g">
          <xsl:sequence select="facs:image($g, $g/@url, $label, ($g, $t))"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$t/self::tei:zone">
        <xsl:variable name="g" select="($t/tei:graphic[@url], $t/ancestor::tei:surface[1]/tei:graphic[@url])[1]"/>
        <xsl:if test="$g">
          <xsl:sequence select="map:put(facs:image($g, $g/@url, $label, ($t, $g, $t/ancestor::tei:surface[1])), 'zone', if ($g/parent::tei:zone) then '' else facs:zone($t))"/>
        </xsl:if>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <!-- One image: its URL resolved, its alt text from the first of $described with a desc or label. -->
  <xsl:function name="facs:image" as="map(*)">
    <xsl:param name="at" as="element()"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="described" as="element()*"/>
    <xsl:variable name="href" select="facs:url($at, normalize-space($url))"/>
    <xsl:variable name="said" select="($described/(tei:desc, tei:label, tei:figDesc)[normalize-space()])[1]"/>
    <xsl:variable name="iiif" select="facs:iiif($href)"/>
    <!-- A IIIF service's info.json: the img asks it for the whole image at a size that fits. -->
    <xsl:variable name="src" select="if (ends-with($href, '/info.json')) then substring-before($href, '/info.json') || '/full/!1200,1200/0/default.jpg' else $href"/>
    <xsl:sequence select="map {
      'src': $src,
      'href': $src,
      'iiif': $iiif,
      'alt': if ($said) then normalize-space($said) else $label || ' of ' || $te:title,
      'label': $label,
      'zone': ''
    }"/>
  </xsl:function>

  <!-- The info.json of a IIIF image service: the URL itself, or the service of an Image API request. -->
  <xsl:function name="facs:iiif" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="request" select="'^(.+)/(full|square|\d+,\d+,\d+,\d+|pct:[\d.]+,[\d.]+,[\d.]+,[\d.]+)/(full|max|\^?!?\d*,\d*|\^?pct:[\d.]+)/!?\d+(\.\d+)?/(default|color|gray|bitonal|native)\.(jpg|jpeg|png|gif|webp|tif|tiff)$'"/>
    <xsl:sequence select="
      if (ends-with($url, '/info.json')) then $url
      else if (matches($url, $request)) then replace($url, $request, '$1') || '/info.json'
      else ''"/>
  </xsl:function>

  <!-- A zone as fractions of its surface ('x,y,w,h'), when both have coordinates. -->
  <xsl:function name="facs:zone" as="xs:string">
    <xsl:param name="z" as="element()"/>
    <xsl:variable name="s" select="$z/ancestor::tei:surface[1]"/>
    <xsl:try>
      <xsl:variable name="sx" select="number(($s/@ulx, 0)[1])"/>
      <xsl:variable name="sy" select="number(($s/@uly, 0)[1])"/>
      <xsl:variable name="sw" select="number($s/@lrx) - $sx"/>
      <xsl:variable name="sh" select="number($s/@lry) - $sy"/>
      <xsl:sequence select="
        if ($z/@ulx and $z/@uly and $z/@lrx and $z/@lry and $sw gt 0 and $sh gt 0)
        then string-join(((number($z/@ulx) - $sx) div $sw, (number($z/@uly) - $sy) div $sh, (number($z/@lrx) - number($z/@ulx)) div $sw, (number($z/@lry) - number($z/@uly)) div $sh) ! string(round(. * 10000) div 10000), ',')
        else ''"/>
      <xsl:catch select="''"/>
    </xsl:try>
  </xsl:function>

  <!-- ==================================================== URLs -->

  <!-- A URL of the TEI as the page reaches it: absolute ones as they are, relative ones (xml:base too) resolved. -->
  <xsl:function name="facs:url" as="xs:string">
    <xsl:param name="at" as="element()"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="bases" select="$at/ancestor-or-self::*/@xml:base ! normalize-space(.)"/>
    <xsl:choose>
      <xsl:when test="facs:absolute($url)"><xsl:sequence select="$url"/></xsl:when>
      <xsl:when test="$facs-base != '' and $facs-page != ''">
        <xsl:try>
          <xsl:variable name="base" select="facs:resolve-bases($bases, $facs-base)"/>
          <xsl:sequence select="facs:relative(resolve-uri($url, $base), $facs-page)"/>
          <xsl:catch select="$url"/>
        </xsl:try>
      </xsl:when>
      <xsl:when test="exists($bases)">
        <!-- No location given: xml:base applied against a stand-in, which then falls away. -->
        <xsl:variable name="stand-in" select="'file:///tei-edition/base/'"/>
        <xsl:try>
          <xsl:variable name="r" select="resolve-uri($url, facs:resolve-bases($bases, $stand-in))"/>
          <xsl:sequence select="if (starts-with($r, $stand-in)) then substring-after($r, $stand-in) else $r"/>
          <xsl:catch select="$url"/>
        </xsl:try>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$url"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="facs:absolute" as="xs:boolean">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="matches($url, '^[A-Za-z][A-Za-z0-9+.\-]*:') or starts-with($url, '//')"/>
  </xsl:function>

  <!-- $target relative to $page (both absolute): the same scheme and host give a relative path, others stay absolute. -->
  <xsl:function name="facs:relative" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="t" select="tokenize($target, '/')"/>
    <xsl:variable name="p" select="tokenize($page, '/')"/>
    <xsl:choose>
      <xsl:when test="count($t) lt 4 or count($p) lt 4 or not(deep-equal(subsequence($t, 1, 3), subsequence($p, 1, 3)))">
        <xsl:sequence select="$target"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- Folders: every segment but the last. -->
        <xsl:variable name="pd" select="subsequence($p, 4, count($p) - 4)"/>
        <xsl:variable name="td" select="subsequence($t, 4, count($t) - 4)"/>
        <xsl:variable name="common" select="facs:common($pd, $td, 0)"/>
        <xsl:sequence select="string-join((for $i in 1 to count($pd) - $common return '..', subsequence($td, $common + 1), $t[last()]), '/')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="facs:common" as="xs:integer">
    <xsl:param name="a" as="xs:string*"/>
    <xsl:param name="b" as="xs:string*"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if (exists($a) and exists($b) and head($a) = head($b)) then facs:common(tail($a), tail($b), $n + 1) else $n"/>
  </xsl:function>

  <!-- ==================================================== HTML -->

  <!--
    Images as figures: a span (a page break may stand inside a paragraph), its image linked to the
    image itself, a caption with the zoom button facsimile.js shows.
  -->
  <xsl:function name="facs:figure" as="element()*">
    <xsl:param name="images" as="map(*)*"/>
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:for-each select="$images">
      <xsl:variable name="id" select="$prefix || position()"/>
      <span class="facs" role="group" aria-labelledby="facs-{$id}" data-facs-src="{?src}">
        <xsl:if test="?iiif != ''"><xsl:attribute name="data-facs-iiif" select="?iiif"/></xsl:if>
        <xsl:if test="?zone != ''"><xsl:attribute name="data-facs-zone" select="?zone"/></xsl:if>
        <a class="facs-image" href="{?href}"><img src="{?src}" alt="{?alt}" loading="lazy"/></a>
        <span class="facs-caption"><span id="facs-{$id}"><xsl:value-of select="?label"/></span><xsl:text> </xsl:text><button type="button" class="facs-zoom" hidden="hidden">Zoom</button></span>
      </span>
    </xsl:for-each>
  </xsl:function>
  <!-- A base URI with the xml:base values applied in turn, outermost first (recursion, not fold-left with
       an inline function: Saxon-HE 9.9 has no higher-order functions). -->
  <xsl:function name="facs:resolve-bases" as="xs:string">
    <xsl:param name="bases" as="xs:string*"/>
    <xsl:param name="base" as="xs:string"/>
    <xsl:sequence select="if (empty($bases)) then $base else facs:resolve-bases(tail($bases), string(resolve-uri(head($bases), $base)))"/>
  </xsl:function>

</xsl:stylesheet>
