package seclang

func init() { registerOp("le", numericArg) }
