package suricata

import (
	"errors"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("detection_filter", valueRequired, func(b *builder, o *syntax.Option) error {
		t, err := parseThreshold("detection_filter", o.Value)
		if err != nil && !errors.Is(err, diag.ErrWarning) {
			return err
		}
		if aerr := addThreshold(b, t); aerr != nil {
			return aerr
		}
		return err
	})
}
