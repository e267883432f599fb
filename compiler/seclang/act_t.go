package seclang

import syntax "github.com/rulec/rulec/grammar/seclang"

// t:none clears the transformations inherited so far.
func init() {
	registerAction("t", valueRequired, func(b *builder, a *syntax.Action) error {
		name, err := transform(a.Value)
		if err != nil {
			return err
		}
		if name == "none" {
			b.part.Transforms = nil
			return nil
		}
		b.part.Transforms = append(b.part.Transforms, name)
		return nil
	})
}
