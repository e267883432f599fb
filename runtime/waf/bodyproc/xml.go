package bodyproc

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// XML bodies give the XML collection: every non-blank text node under
// "/*" and every attribute value under "//@*", in document order. The
// parser is strict (a malformed document is an error, as with libxml2)
// but knows HTML's named entities.
func init() {
	register("XML", func(body []byte, _ string, s Sink) error {
		d := xml.NewDecoder(bytes.NewReader(body))
		d.Entity = xml.HTMLEntity
		for {
			tok, err := d.Token()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.StartElement:
				for _, a := range t.Attr {
					s.XML("//@*", a.Value)
				}
			case xml.CharData:
				if v := strings.TrimSpace(string(t)); v != "" {
					s.XML("/*", v)
				}
			}
		}
	})
}
