package ingestor

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText reduces an HTML fragment to plain text: the text of every node
// outside script, style and similar elements, entities decoded, a line
// break after each block element, spaces collapsed within a line, and at
// most one blank line between paragraphs.
func htmlText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return collapseSpace(fragment)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"})
	if err != nil { // the tokenizer only fails on read errors, which a strings.Reader has none of
		return collapseSpace(fragment)
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return collapseSpace(b.String())
}

func writeText(b *strings.Builder, n *html.Node) {
	switch {
	case n.Type == html.TextNode:
		b.WriteString(n.Data)
		return
	case n.Type != html.ElementNode && n.Type != html.DocumentNode:
		return
	case skipped(n.DataAtom):
		return
	case n.DataAtom == atom.Br:
		b.WriteString("\n")
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if block(n.DataAtom) {
		b.WriteString("\n\n")
	}
}

func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Object, atom.Svg, atom.Head:
		return true
	}
	return false
}

func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Tr, atom.Table, atom.Blockquote, atom.Pre,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Section, atom.Article, atom.Figure, atom.Figcaption, atom.Hr:
		return true
	}
	return false
}

// collapseSpace collapses runs of spaces and tabs within each line, trims
// lines, and keeps at most one blank line in a row.
func collapseSpace(s string) string {
	var out []string
	blank := true // drop leading blank lines
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, line)
		blank = false
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}

// oneLine reduces text to one line with single spaces, for titles.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
