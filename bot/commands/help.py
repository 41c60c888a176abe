"""`help [COMMAND]`: usage generated from the registry, identical on every surface."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.registry import Argument, Command, CommandContext, Registry
from bot.reply import Line, Reply, Section, error_reply


def _command_help(command: Command) -> Reply:
    lines = [Line(f"Usage: {command.usage()}"), Line(command.summary)]
    lines += [
        Line(f"{argument.usage().strip('[]')}: {argument.help}") for argument in command.arguments
    ]
    lines += [Line(f"Example: {example}") for example in command.examples]
    if command.admin_only:
        lines.append(Line("Only people who manage the channel may use it."))
    return Reply(
        command="help",
        title=f"natosg {command.name}",
        sections=(Section(None, tuple(lines), style="paragraph"),),
        data={"help_for": command.name},
    )


def make_help_command(registry: Registry) -> Command:
    """The help command for a registry (it lists the commands of the asking surface)."""

    def handle(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
        wanted = values.get("command")
        if wanted:
            command = registry.get(str(wanted))
            if command is None or ctx.surface not in command.surfaces:
                suggestions = registry.suggest(str(wanted))
                hint = f"Did you mean {', '.join(suggestions)}?" if suggestions else None
                return error_reply("help", f"There is no command `{str(wanted)[:40]}`.", hint=hint)
            return _command_help(command)
        commands = registry.for_surface(ctx.surface)
        prefix = "natosg " if ctx.surface == "cli" else "/natosg "
        lines = tuple(
            Line(f"{prefix}{command.usage()} — {command.summary}") for command in commands
        )
        return Reply(
            command="help",
            title="natosg: a cited briefing on the race for NATO Secretary General",
            sections=(
                Section("Commands", lines),
                Section(
                    None,
                    (
                        Line(
                            f"Add --json for machine-readable output. `{prefix}help COMMAND` "
                            "explains one command."
                        ),
                    ),
                    style="paragraph",
                ),
            ),
            data={"commands": [command.name for command in commands]},
        )

    return Command(
        name="help",
        summary="List the commands, or explain one.",
        handler=handle,
        arguments=(Argument("command", "the command to explain", metavar="COMMAND"),),
        examples=("help who-backs",),
    )
