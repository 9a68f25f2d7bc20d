package funcs_test

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/normalizers/terraform/funcs"
)

// An evaluator hands the table to HCL as the functions of its EvalContext.
func ExampleTable() {
	table := funcs.Table(funcs.Options{BaseDir: "testdata/module", Root: "testdata"})
	for _, src := range []string{
		`cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)`,
		`templatefile("templates/backends.tftpl", {port = 8080, ip_addrs = ["10.0.0.1"]})`,
		`file("../../funcs.go")`,
		`timestamp()`,
	} {
		expr, _ := hclsyntax.ParseExpression([]byte(src), "example.tf", hcl.InitialPos)
		val, diags := expr.Value(&hcl.EvalContext{Functions: table})
		switch {
		case diags.HasErrors():
			fmt.Println("error:", diags[0].Detail)
		case !val.IsKnown():
			fmt.Println("unknown", val.Type().FriendlyName())
		case val.Type().IsListType():
			var subnets []string
			for _, v := range val.AsValueSlice() {
				subnets = append(subnets, v.AsString())
			}
			fmt.Println(strings.Join(subnets, " "))
		default:
			fmt.Printf("%q\n", val.AsString())
		}
	}
	// Output:
	// 10.1.0.0/20 10.1.16.0/20 10.1.32.0/24 10.1.48.0/20
	// "backend 10.0.0.1:8080\n"
	// error: Invalid value for "path" parameter: file ../../funcs.go is outside the scanned directory.
	// unknown string
}
