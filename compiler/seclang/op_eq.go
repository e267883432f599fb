package seclang

func init() { registerOp("eq", numericArg) }
