package seclang

import "github.com/rulec/rulec/compiler/ir"

func init() {
	registerOp("ipMatchFromFile", func(o *ir.SecOperator, file string) error {
		lines, err := dataFiles(o.Arg, file)
		if err != nil {
			return err
		}
		return addresses(o, lines)
	})
}
