namespace Wallet.Docs.Tests;

/// <summary>The checker itself: each way a README block can rot is caught and named by README and line.</summary>
public sealed class ReadmeCodeBlockCheckTests
{
    private const string Readme = "src/Example/README.md";

    [Fact]
    public void Csharp_blocks_are_found_with_their_line_heading_and_options_and_other_blocks_are_not()
    {
        var blocks = ReadmeCodeBlocks.Parse(Readme, """
            # Example

            ```bash
            # not a heading: inside a shell block
            dotnet add package Example
            ```

            ## Use it

            ```csharp
            Console.WriteLine("a");
            ```

            ~~~cs no-run web
            class A;
            ~~~

            ````C#
            ```
            ````
            """);

        blocks.Select(b => (b.Location, b.Heading, string.Join(' ', b.Options), b.Code)).Should().Equal(
            ("src/Example/README.md:10", "Use it", "", "Console.WriteLine(\"a\");"),
            ("src/Example/README.md:14", "Use it", "no-run web", "class A;"),
            ("src/Example/README.md:18", "Use it", "", "```"));
    }

    [Fact]
    public void A_program_that_prints_its_output_comment_passes()
    {
        var outcome = Check("""
            Console.WriteLine("valid");
            Console.WriteLine("invalid: x.y");

            // Output:
            // valid
            // invalid: x.y
            """);

        outcome.Failures.Should().BeEmpty();
        outcome.Run!.OutputLines.Should().Equal("valid", "invalid: x.y");
    }

    [Fact]
    public void A_block_that_does_not_compile_fails_naming_the_readme_line_of_the_error()
    {
        var outcome = Check("""
            var a = 1;
            a.NoSuchMember();
            """, line: 40);

        // The fence is line 40, so the second code line is line 42.
        outcome.Failures.Should().ContainSingle().Which.Should().Contain("src/Example/README.md:40: does not compile")
            .And.Contain("src/Example/README.md(42,3): error CS1061");
    }

    [Fact]
    public void A_warning_fails_like_an_error()
    {
        var outcome = Check("""
            string? name = null;
            Console.WriteLine(name.Length);
            """);

        outcome.Failures.Should().ContainSingle().Which.Should().Contain("CS8602");
    }

    [Fact]
    public void A_program_printing_other_than_its_output_comment_fails()
    {
        var outcome = Check("""
            Console.WriteLine("invalid: sd_jwt.kb.nonce_mismatch");
            // Output:
            // valid
            """);

        outcome.Failures.Should().ContainSingle().Which.Should().Contain("printed\n  invalid: sd_jwt.kb.nonce_mismatch\nbut its // Output: comment says\n  valid");
    }

    [Fact]
    public void A_program_that_throws_fails_with_the_exception()
    {
        var outcome = Check("""throw new InvalidOperationException("broken example");""");

        outcome.Failures.Should().ContainSingle().Which.Should().Contain("threw System.InvalidOperationException: broken example");
    }

    [Fact]
    public void A_program_with_a_nonzero_exit_code_fails()
    {
        var outcome = Check("""
            Console.Error.WriteLine("usage");
            return 2;
            """);

        outcome.Failures.Should().ContainSingle().Which.Should().Contain("exited with 2; standard error: usage");
    }

    [Fact]
    public void An_async_program_is_awaited_to_its_end()
    {
        var outcome = Check("""
            await Task.Delay(10);
            Console.WriteLine("after the await");
            // Output:
            // after the await
            """);

        outcome.Failures.Should().BeEmpty();
    }

    [Fact]
    public void A_fragment_without_a_program_must_be_marked_no_run()
    {
        const string Fragment = "public sealed class Register { }";

        Check(Fragment).Failures.Should().ContainSingle().Which.Should().Contain("mark a fragment '```csharp no-run'");
        Check(Fragment, "no-run").Failures.Should().BeEmpty();
    }

    [Fact]
    public void A_no_run_block_is_compiled_but_not_run()
    {
        var outcome = Check("""throw new InvalidOperationException("not run");""", "no-run");

        outcome.Failures.Should().BeEmpty();
        outcome.Run.Should().BeNull();
    }

    [Fact]
    public void A_web_block_compiles_with_the_web_sdk_usings_and_a_console_block_without_them()
    {
        const string Host = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/", () => "hello");
            app.Run();
            """;

        Check(Host, "web no-run").Failures.Should().BeEmpty();
        Check(Host, "no-run").Failures.Should().ContainSingle().Which.Should().Contain("error CS0103: The name 'WebApplication' does not exist");
    }

    [Fact]
    public void An_unknown_option_is_reported_so_that_a_typo_cannot_switch_a_check_off()
    {
        Check("""Console.WriteLine("x");""", "no_run").Failures.Should().ContainSingle()
            .Which.Should().Contain("unknown option(s) 'no_run'");
    }

    private static ReadmeCodeBlockOutcome Check(string code, string options = "", int line = 3) =>
        ReadmeCodeBlockCheck.Check(new ReadmeCodeBlock(Readme, line, "Example", options.Split(' ', StringSplitOptions.RemoveEmptyEntries), code));
}
