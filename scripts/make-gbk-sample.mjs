#!/usr/bin/env node
// One-off: writes samples/tongzhi-gbk.html as GBK bytes, like the legacy county sites that still
// serve GB2312/GBK. TextEncoder only encodes UTF-8, so this uses iconv-lite (already in
// node_modules as a transitive dependency). The generated file is committed; rerun only to change it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const html = `<!DOCTYPE html>
<html>
<head>
<meta charset="gbk">
<title>清泉县人民政府办公室关于做好2024年汛期安全防范工作的通知</title>
<style>body { font-family: SimSun; } .zw p { text-indent: 2em; }</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="zw">
<h1>清泉县人民政府办公室
关于做好2024年汛期安全防范工作的通知</h1>
<p class="wh">泉政办发〔2024〕8号</p>
<p>各乡镇人民政府，县直各有关单位：</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;入汛以来，我县降雨偏多，防汛形势严峻。为确保安全度汛，现就有关工作通知如下。</p>
<h2>一、排查风险隐患</h2>
<p>各乡镇要在2024年6月15日前完成辖区内山洪沟道、淤地坝、危旧房屋的拉网式排查，建立隐患清单。</p>
<p>（责任单位：各乡镇人民政府，县水利局、县自然资源局）</p>
<h2>二、落实应急值守</h2>
<p>汛期实行24小时值班和领导带班制度，值班人员接到预警信息后2小时内报告。</p>
<p>牵头单位：县应急管理局<br>配合单位：县气象局、县水利局、县消防救援大队</p>
<h2>三、任务清单</h2>
<table border="1">
<tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>山洪沟道隐患排查</td><td>各乡镇人民政府</td><td>2024年6月15日前</td></tr>
<tr><td>2</td><td><p>防汛物资</p><p>补充储备</p></td><td>县应急管理局、县粮食和物资储备中心</td><td>6月底前</td></tr>
<tr><td>3</td><td>汛后总结评估</td><td>县防汛抗旱指挥部办公室</td><td>2024年10月31日前</td></tr>
</table>
<p>请各单位于每周五下班前报送防汛工作动态。</p>
<p class="qm">清泉县人民政府办公室</p>
<p class="rq">2024年5月20日</p>
</div>
<noscript><p>请启用脚本</p></noscript>
<div class="footer">主办：清泉县人民政府办公室&nbsp;&nbsp;&copy;&nbsp;版权所有</div>
</body>
</html>
`;
const bytes = iconv.encode(html, 'gbk');
// Everything above must be representable in GBK, or the sample would silently contain '?'.
if (iconv.decode(bytes, 'gbk') !== html) throw new Error('sample text is not representable in GBK');
fs.writeFileSync(path.join(root, 'samples', 'tongzhi-gbk.html'), bytes);
console.log(`wrote samples/tongzhi-gbk.html (${bytes.length} bytes, GBK)`);
