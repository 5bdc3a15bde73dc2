-- strategykit: reads each text handed to it as a code block with pandoc's Markdown reader, on its
-- own, and puts the blocks it gives in a Div in the code block's place (see pdf/toolchain.py,
-- read_each). The reader's format comes in the metadata field strategykit-format.
function Pandoc(doc)
  local format = pandoc.utils.stringify(doc.meta["strategykit-format"])
  local out = {}
  for _, block in ipairs(doc.blocks) do
    out[#out + 1] = pandoc.Div(pandoc.read(block.text, format).blocks)
  end
  return pandoc.Pandoc(out)
end
